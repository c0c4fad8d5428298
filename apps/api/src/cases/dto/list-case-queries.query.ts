import type { PageRequest } from '../domain/case-list.js';
import { PageNumber, PageSize } from './validators.js';

const DEFAULT_PAGE_SIZE = 50;

export class ListCaseQueriesQuery {
  @PageNumber()
  page?: number;

  @PageSize(100, DEFAULT_PAGE_SIZE)
  page_size?: number;
}

export function toQueryPageRequest(query: ListCaseQueriesQuery): PageRequest {
  return { page: query.page ?? 1, pageSize: query.page_size ?? DEFAULT_PAGE_SIZE };
}
