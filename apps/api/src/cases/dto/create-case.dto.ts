import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPES, PRIORITIES } from '../domain/case.js';
import type { CaseType, Priority } from '../domain/case.js';
import type { CreateCaseCommand } from '../use-cases/create-case.use-case.js';
import { QueryRecordInput, toNewQueryInput } from './query-record.input.js';
import { HasNoNul, IsNotBlank, NormalizeEmail, Trim } from './validators.js';

export class CreateCaseDto {
  @ApiProperty({
    example: 'Q4 sales extract',
    minLength: 1,
    maxLength: 200,
    description: 'Trimmed; must not be blank.',
  })
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  @HasNoNul()
  title!: string;

  @ApiPropertyOptional({
    type: 'string',
    example: 'Monthly analysis',
    maxLength: 5000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @HasNoNul()
  description?: string | null;

  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType', example: 'support' })
  @IsIn(CASE_TYPES)
  case_type!: CaseType;

  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority', example: 'high' })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ApiProperty({ example: 'ana@example.com', maxLength: 255, description: 'Stored lower-case.' })
  @NormalizeEmail()
  @IsString()
  @IsEmail()
  @MaxLength(255)
  created_by!: string;

  @ApiPropertyOptional({ type: () => [QueryRecordInput], maxItems: 100, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QueryRecordInput)
  queries?: QueryRecordInput[];
}

export function toCreateCaseCommand(dto: CreateCaseDto): CreateCaseCommand {
  return {
    title: dto.title,
    description: dto.description ?? null,
    caseType: dto.case_type,
    priority: dto.priority,
    createdBy: dto.created_by,
    queries: (dto.queries ?? []).map(toNewQueryInput),
  };
}
