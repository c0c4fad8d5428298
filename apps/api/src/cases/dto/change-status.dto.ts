import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import { CharLength, NormalizeEmail, Omittable } from './validators.js';

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

  @ApiPropertyOptional({
    example: 'ana@example.com',
    format: 'email',
    minLength: 1,
    maxLength: 255,
    description:
      "Who changes it. With a token it is the caller's email and may be left out (anyone " +
      'else is 403 ACTOR_MISMATCH); with AUTH_MODE=off it is required.',
  })
  @Omittable()
  @NormalizeEmail()
  @IsString()
  @IsEmail()
  @CharLength(1, 255)
  changed_by?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 2000, nullable: true, example: 'Picked up' })
  @IsOptional()
  @IsString()
  @CharLength(0, 2000)
  note?: string | null;
}
