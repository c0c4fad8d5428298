import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPES, PRIORITIES } from '../domain/case.js';
import type { CaseType, NewCaseInput, NewQueryInput, Priority } from '../domain/case.js';
import { QueryRecordInput, toNewQueryInput } from './query-record.input.js';
import { ActorEmail, CharLength, IsNotBlank, Omittable, Trim } from './validators.js';

export class CreateCaseDto {
  @ApiProperty({
    example: 'Q4 sales extract',
    minLength: 1,
    maxLength: 200,
    // Not blank: at least one character that trim() keeps (ECMAScript's \s is what it drops).
    pattern: '\\S',
    description: 'Trimmed; must not be blank.',
  })
  @Trim()
  @IsString()
  @IsNotBlank()
  @CharLength(1, 200)
  title!: string;

  @ApiPropertyOptional({
    type: 'string',
    example: 'Monthly analysis',
    maxLength: 5000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @CharLength(0, 5000)
  description?: string | null;

  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType', example: 'support' })
  @IsIn(CASE_TYPES)
  case_type!: CaseType;

  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority', example: 'high' })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ActorEmail('Who opens the case')
  created_by?: string;

  @ApiPropertyOptional({
    type: () => [QueryRecordInput],
    maxItems: 100,
    description: 'Left out: the case opens without query records.',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  // An array is an object to ValidateNested, which would pass `[[]]` through unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QueryRecordInput)
  queries?: QueryRecordInput[];
}

/** The case as the body describes it; who creates it is the request's to say. */
export function toNewCaseInput(
  dto: CreateCaseDto,
): Omit<NewCaseInput, 'createdBy'> & { queries: NewQueryInput[] } {
  return {
    title: dto.title,
    description: dto.description ?? null,
    caseType: dto.case_type,
    priority: dto.priority,
    queries: (dto.queries ?? []).map(toNewQueryInput),
  };
}
