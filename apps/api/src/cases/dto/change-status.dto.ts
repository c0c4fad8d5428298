import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import { ActorEmail, CharLength } from './validators.js';

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

  @ActorEmail('Who changes it')
  changed_by?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 2000, nullable: true, example: 'Picked up' })
  @IsOptional()
  @IsString()
  @CharLength(0, 2000)
  note?: string | null;
}
