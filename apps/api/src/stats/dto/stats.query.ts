import { ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_DATE_PATTERN, IsCalendarDate, Omittable } from '../../cases/dto/validators.js';
import type { StatsPeriod } from '../domain/tracker-stats.js';

export class StatsQuery {
  @ApiPropertyOptional({
    description: 'First UTC day counted (cases by creation, query records by executed_at).',
    example: '2025-10-01',
    format: 'date',
    pattern: CALENDAR_DATE_PATTERN,
  })
  @Omittable()
  @IsCalendarDate()
  date_gte?: string;

  @ApiPropertyOptional({
    description: 'Last UTC day counted, whole.',
    example: '2025-10-31',
    format: 'date',
    pattern: CALENDAR_DATE_PATTERN,
  })
  @Omittable()
  @IsCalendarDate()
  date_lte?: string;
}

export const toStatsPeriod = (query: StatsQuery): StatsPeriod => ({
  from: query.date_gte,
  to: query.date_lte,
});
