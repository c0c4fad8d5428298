import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { QueryRecordInput } from './query-record.input.js';

export class AppendQueriesDto {
  @ApiProperty({ type: () => [QueryRecordInput], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  // An array is an object to ValidateNested, which would pass `[[]]` through unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QueryRecordInput)
  queries!: QueryRecordInput[];
}
