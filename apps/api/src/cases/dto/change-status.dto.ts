import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import { CharLength, NormalizeEmail } from './validators.js';

export class ChangeStatusDto {
  @ApiProperty({
    enum: CASE_STATUSES,
    enumName: 'CaseStatus',
    example: 'in_progress',
    description:
      'open → in_progress | closed; in_progress → resolved | closed; resolved → closed. Anything else is 409.',
  })
  @IsIn(CASE_STATUSES)
  status!: CaseStatus;

  @ApiProperty({ example: 'ana@example.com', format: 'email', minLength: 1, maxLength: 255 })
  @NormalizeEmail()
  @IsString()
  @IsEmail()
  @CharLength(1, 255)
  changed_by!: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 2000, nullable: true, example: 'Picked up' })
  @IsOptional()
  @IsString()
  @CharLength(0, 2000)
  note?: string | null;
}
