import { ApiProperty } from '@nestjs/swagger';
import {
  QUERY_FLAGS,
  QueryAnalysis,
  QueryFlag,
  STATEMENT_CLASSES,
  StatementClass,
} from '../domain/query-analysis.js';

export class ParseErrorResponse {
  @ApiProperty({ example: 'syntax error at or near "`"' }) message!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'Where the parser stopped: a 0-based character offset into query_text.',
  })
  position!: number | null;
}

/** What PostgreSQL's parser makes of a recorded query text. */
export class QueryAnalysisResponse {
  @ApiProperty({ example: 'pg18-v1' }) analyzer_version!: string;

  @ApiProperty({ description: 'False for text PostgreSQL does not parse (other dialects, prose).' })
  parsed!: boolean;

  @ApiProperty({ type: () => ParseErrorResponse, nullable: true })
  parse_error!: ParseErrorResponse | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'a0ead580058af585',
    description:
      "pg_query's fingerprint: texts that differ only in literal values, $n parameters, comments, " +
      'white space or keyword case share it. It ignores schema names and, where a table has an ' +
      "alias, the table's name.",
  })
  fingerprint!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'The text with its literals as $n.' })
  normalized!: string | null;

  @ApiProperty({ type: [String], example: ['SelectStmt'] }) statement_types!: string[];

  @ApiProperty({ enum: STATEMENT_CLASSES, enumName: 'StatementClass', isArray: true })
  classes!: StatementClass[];

  @ApiProperty({ type: [String], example: ['public.sales'] }) tables!: string[];

  @ApiProperty({ enum: QUERY_FLAGS, enumName: 'QueryFlag', isArray: true }) flags!: QueryFlag[];

  static from(a: QueryAnalysis): QueryAnalysisResponse {
    return {
      analyzer_version: a.analyzerVersion,
      parsed: a.parsed,
      parse_error: a.parseError,
      fingerprint: a.fingerprint,
      normalized: a.normalized,
      statement_types: a.statementTypes,
      classes: a.classes,
      tables: a.tables,
      flags: a.flags,
    };
  }
}
