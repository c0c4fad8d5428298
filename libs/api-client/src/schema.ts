/**
 * Generated from docs/openapi.json by `npm run client:generate` (openapi-typescript, default
 * options). Do not edit: libs/api-client/generate-schema.spec.ts fails when it drifts.
 */

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database answers within 1 s and migrations are applied */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Same as /health/ready */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The top query shapes, by occurrences, total time or p95
         * @description One row per pg_query fingerprint of the current analyzer, with the figures of GET /api/v1/fingerprints/{fingerprint}; kept up to date with every write.
         */
        get: operations["listFingerprints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fingerprints/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything recorded under one query shape
         * @description Normalized text, statement types, classes and tables; occurrences and distinct cases; execution time p50/p95/max and total; rows affected; first and last executed_at.
         */
        get: operations["getFingerprint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every case the list filters choose, with all its query records, as NDJSON or CSV
         * @description In (created_at, id) order, read page by page while it is written. Each page is read on its own, so the export is no snapshot: a case created while it runs may appear, and a case shows its fields as they were when its page was read; each case appears exactly once. One export per client at a time (429), a few in all (503); a short search is not held back as in the list, these limits apply instead. Streamed, not wrapped in the envelope. Errors found before the first byte (422, 401, 403, 429, 503) are enveloped as everywhere else; an error after it cannot change the status, so the connection is closed without the final chunk: treat a transfer that does not end cleanly as incomplete.
         */
        get: operations["exportCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List cases with filters, search, sort and pagination */
        get: operations["listCases"];
        put?: never;
        /** Open a case with 0–100 query records, atomically */
        post: operations["createCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case with its first 100 query records and their total */
        get: operations["getCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/queries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One page of a case's query records, oldest first */
        get: operations["listCaseQueries"];
        put?: never;
        /** Append 1–100 query records to a case, atomically */
        post: operations["appendQueries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a case along its status lifecycle */
        post: operations["changeCaseStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's events, oldest first, with their hash chain */
        get: operations["getCaseHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tracker at a glance
         * @description Cases by status, priority and type and per day; time to resolve p50/p95; the top 10 tables and fingerprints; flagged queries by flag and database. Case figures count the cases created in the period, query figures the records executed in it (UTC days).
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        ErrorCode: "MALFORMED_JSON" | "UNAUTHENTICATED" | "ACTOR_MISMATCH" | "FORBIDDEN" | "CASE_NOT_FOUND" | "FINGERPRINT_NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "IDEMPOTENCY_KEY_IN_USE" | "INVALID_STATUS_TRANSITION" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "IDEMPOTENCY_KEY_REUSED" | "VALIDATION_ERROR" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
        ErrorItem: {
            /** @example VALIDATION_ERROR */
            code: components["schemas"]["ErrorCode"];
            /** @example title must not be blank */
            message: string;
            /**
             * @description Path of the offending field in the request, or null.
             * @example queries[2].query_text
             */
            field: string | null;
        };
        ErrorEnvelope: {
            /**
             * @example false
             * @enum {boolean}
             */
            success: false;
            /**
             * @description Always null.
             * @example null
             */
            data: Record<string, never> | null;
            errors: components["schemas"]["ErrorItem"][];
        };
        /** @enum {string} */
        StatementClass: "READ" | "WRITE" | "FUNCTION" | "ROLE" | "DDL" | "MISC";
        ExecutionTimeResponse: {
            /** @description Records that give a time. */
            timed: number;
            /**
             * Format: int64
             * @description Sum, in ms.
             */
            total: number;
            /** @description Median, in ms. Nearest-rank, read from a histogram of 2 %-wide buckets: exact while the records of a bucket share one value, within 1 % otherwise. */
            p50: number | null;
            /** @description 95th percentile, in ms. Nearest-rank, read from a histogram of 2 %-wide buckets: exact while the records of a bucket share one value, within 1 % otherwise. */
            p95: number | null;
            /** @description Longest, in ms (exact). */
            max: number | null;
        };
        FingerprintResponse: {
            /** @example a0ead580058af585 */
            fingerprint: string;
            /** @example pg18-v1 */
            analyzer_version: string;
            /**
             * @description The first recorded text of this shape, with its literals as $n.
             * @example SELECT * FROM sales WHERE region = $1
             */
            normalized: string;
            /**
             * @example [
             *       "SelectStmt"
             *     ]
             */
            statement_types: string[];
            classes: components["schemas"]["StatementClass"][];
            /**
             * @description Every table seen under the fingerprint: it ignores schema names and, where a table has an alias, the table's name, so texts reading different tables may share it.
             * @example [
             *       "public.sales"
             *     ]
             */
            tables: string[];
            /** @description Query records of this shape. */
            occurrences: number;
            /** @description Distinct cases holding them. */
            distinct_cases: number;
            execution_time_ms: components["schemas"]["ExecutionTimeResponse"];
            /** Format: int64 */
            rows_affected_sum: number;
            /**
             * Format: date-time
             * @description Earliest executed_at.
             */
            first_seen: string;
            /**
             * Format: date-time
             * @description Latest executed_at.
             */
            last_seen: string;
        };
        FingerprintListResponse: {
            items: components["schemas"]["FingerprintResponse"][];
            total: number;
            page: number;
            page_size: number;
            pages: number;
        };
        /** @enum {string} */
        FingerprintSortField: "occurrences" | "total_time" | "p95";
        /** @enum {string} */
        SortOrder: "asc" | "desc";
        /** @enum {string} */
        CaseType: "support" | "requirement" | "investigation";
        /** @enum {string} */
        Priority: "low" | "medium" | "high" | "critical";
        /** @enum {string} */
        CaseStatus: "open" | "in_progress" | "resolved" | "closed";
        ParseErrorResponse: {
            /** @example syntax error at or near "`" */
            message: string;
            /** @description Where the parser stopped: a 0-based character offset into query_text. */
            position: number | null;
        };
        /** @enum {string} */
        QueryFlag: "ALTER" | "COPY_PROGRAM" | "DELETE_WITHOUT_WHERE" | "DROP" | "EXECUTES_WRITE_IN_EXPLAIN" | "LOCKS_ROWS" | "MULTIPLE_STATEMENTS" | "PRIVILEGE_CHANGE" | "TRUNCATE" | "UPDATE_WITHOUT_WHERE";
        QueryAnalysisResponse: {
            /** @example pg18-v1 */
            analyzer_version: string;
            /** @description False for text PostgreSQL does not parse (other dialects, prose). */
            parsed: boolean;
            parse_error: components["schemas"]["ParseErrorResponse"] | null;
            /**
             * @description pg_query's fingerprint: texts that differ only in literal values, $n parameters, comments, white space or keyword case share it. It ignores schema names and, where a table has an alias, the table's name.
             * @example a0ead580058af585
             */
            fingerprint: string | null;
            /** @description The text with its literals as $n. */
            normalized: string | null;
            /**
             * @example [
             *       "SelectStmt"
             *     ]
             */
            statement_types: string[];
            classes: components["schemas"]["StatementClass"][];
            /**
             * @example [
             *       "public.sales"
             *     ]
             */
            tables: string[];
            flags: components["schemas"]["QueryFlag"][];
        };
        QueryRecordResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            case_id: string;
            database_name: string;
            schema_name: string;
            query_text: string;
            execution_time_ms: number | null;
            /** Format: int64 */
            rows_affected: number | null;
            /** @description The JSON value recorded, or null. */
            result: ({
                [key: string]: unknown;
            } | null) | unknown[] | string | number | boolean;
            /** Format: email */
            executed_by: string;
            /** Format: date-time */
            executed_at: string;
            /** Format: date-time */
            recorded_at: string;
            /** @description What PostgreSQL's parser makes of the text (the newest analyzer's); null for a record never analysed. */
            analysis: components["schemas"]["QueryAnalysisResponse"] | null;
            /** @description How many distinct cases hold this record's fingerprint (GET /api/v1/fingerprints/{fingerprint} has the rest of its figures); null for a record without a fingerprint. A create or append answers it as its own write saw it, this case included. */
            fingerprint_cases: number | null;
        };
        CaseExportLine: {
            /** Format: uuid */
            id: string;
            title: string;
            description: string | null;
            case_type: components["schemas"]["CaseType"];
            priority: components["schemas"]["Priority"];
            status: components["schemas"]["CaseStatus"];
            /** Format: email */
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description Time of the last appended change.
             */
            updated_at: string;
            /** @description How many query records the case had when it was exported: all are in queries. */
            queries_total: number;
            /** @description Every query record of the case, oldest first, each with its newest analysis. */
            queries: components["schemas"]["QueryRecordResponse"][];
        };
        /** @enum {string} */
        ExportFormat: "ndjson" | "csv";
        CaseResponse: {
            /** Format: uuid */
            id: string;
            title: string;
            description: string | null;
            case_type: components["schemas"]["CaseType"];
            priority: components["schemas"]["Priority"];
            status: components["schemas"]["CaseStatus"];
            /** Format: email */
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description Time of the last appended change.
             */
            updated_at: string;
            /** @description The case's first 100 query records at most, oldest first; GET /api/v1/cases/{id}/queries pages through all of them. */
            queries: components["schemas"]["QueryRecordResponse"][];
            /** @description How many query records the case has in all. */
            queries_total: number;
        };
        QueryRecordInput: {
            /** @example sales_db */
            database_name: string;
            /** @example public */
            schema_name: string;
            /** @example SELECT * FROM sales WHERE date >= '2025-10-01' */
            query_text: string;
            /** @example 245 */
            execution_time_ms?: number | null;
            /**
             * Format: int64
             * @example 1500
             */
            rows_affected?: number | null;
            /**
             * @description Any JSON value (rows, a summary or a message), at most 256 KiB serialized and nested at most 64 levels.
             * @example {
             *       "rows": [
             *         {
             *           "region": "north",
             *           "total": 1200
             *         }
             *       ]
             *     }
             */
            result?: ({
                [key: string]: unknown;
            } | null) | unknown[] | string | number | boolean;
            /**
             * Format: email
             * @description Who ran it; defaults to the request's actor.
             * @example ana@example.com
             */
            executed_by?: string | null;
            /**
             * Format: date-time
             * @description When it ran (ISO 8601 with a time zone, years 1900–9999); defaults to the write time. At most 5 minutes in the future.
             */
            executed_at?: string | null;
        };
        CreateCaseDto: {
            /**
             * @description Trimmed; must not be blank.
             * @example Q4 sales extract
             */
            title: string;
            /** @example Monthly analysis */
            description?: string | null;
            /** @example support */
            case_type: components["schemas"]["CaseType"];
            /** @example high */
            priority: components["schemas"]["Priority"];
            /**
             * Format: email
             * @description Who opens the case; trimmed and stored lower-case. With a token it is the caller's email and may be left out (anyone else is 403 ACTOR_MISMATCH); with AUTH_MODE=off it is required.
             * @example ana@example.com
             */
            created_by?: string;
            /** @description Left out: the case opens without query records. */
            queries?: components["schemas"]["QueryRecordInput"][];
        };
        CaseListItemResponse: {
            /** Format: uuid */
            id: string;
            title: string;
            description: string | null;
            case_type: components["schemas"]["CaseType"];
            priority: components["schemas"]["Priority"];
            status: components["schemas"]["CaseStatus"];
            /** Format: email */
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description Time of the last appended change.
             */
            updated_at: string;
            queries_count: number;
        };
        CaseListResponse: {
            items: components["schemas"]["CaseListItemResponse"][];
            /** @description How many cases match. When `total_exact` is false, a lower bound: at least this many (counting stopped at LIST_EXACT_TOTAL_MAX, 1,000 by default). */
            total: number;
            /** @description False when more cases match than the service counts one by one: `total` and `pages` are then lower bounds. Totals of lists filtered only by status, priority and case type, or only by one table or one fingerprint, are always exact. */
            total_exact: boolean;
            page: number;
            page_size: number;
            /** @description ceil(total / page_size); a lower bound when `total_exact` is false. */
            pages: number;
            /** @description Pass as `cursor` (with the same filters and sort) for the page after this one, read from its place in the sort order: the way to walk a long list, every page as fast as the first. Null on the last page. Opaque: its content may change between versions. */
            next_cursor: string | null;
        };
        /** @enum {string} */
        CaseSortField: "created_at" | "updated_at" | "status" | "priority" | "case_type" | "created_by" | "title";
        QueryRecordPageResponse: {
            items: components["schemas"]["QueryRecordResponse"][];
            total: number;
            page: number;
            page_size: number;
            pages: number;
        };
        QueryRecordListResponse: {
            items: components["schemas"]["QueryRecordResponse"][];
        };
        AppendQueriesDto: {
            queries: components["schemas"]["QueryRecordInput"][];
        };
        ChangeStatusDto: {
            /**
             * @description open → in_progress | closed; in_progress → resolved | closed; resolved → closed. Anything else is 409.
             * @example in_progress
             */
            status: components["schemas"]["CaseStatus"];
            /**
             * Format: email
             * @description Who changes it; trimmed and stored lower-case. With a token it is the caller's email and may be left out (anyone else is 403 ACTOR_MISMATCH); with AUTH_MODE=off it is required.
             * @example ana@example.com
             */
            changed_by?: string;
            /** @example Picked up */
            note?: string | null;
        };
        /** @enum {string} */
        CaseEventType: "case_created" | "query_recorded" | "status_changed";
        /**
         * @description sha256-v1: the first chains, whose hash leaves the event id out; sha256: SHA-256; hmac-sha256: HMAC-SHA-256 keyed with the server’s AUDIT_HMAC_KEY.
         * @enum {string}
         */
        HashAlgorithm: "sha256-v1" | "sha256" | "hmac-sha256";
        CaseEventResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            case_id: string;
            type: components["schemas"]["CaseEventType"];
            /** Format: email */
            actor: string;
            /** Format: date-time */
            occurred_at: string;
            /** @description case_created: the case as opened; query_recorded: the record (text and result by digest); status_changed: {from, to, note}. */
            payload: {
                [key: string]: unknown;
            };
            /**
             * @description Hex digest over this event (its id included, except for sha256-v1) and prev_hash, made as hash_alg says.
             * @example ab12…
             */
            hash: string;
            /** @description sha256-v1: the first chains, whose hash leaves the event id out; sha256: SHA-256; hmac-sha256: HMAC-SHA-256 keyed with the server’s AUDIT_HMAC_KEY. */
            hash_alg: components["schemas"]["HashAlgorithm"];
            /** @description The previous event's hash; null first. */
            prev_hash: string | null;
        };
        CaseHistoryResponse: {
            items: components["schemas"]["CaseEventResponse"][];
        };
        StatsPeriodResponse: {
            /** Format: date */
            date_gte: string | null;
            /** Format: date */
            date_lte: string | null;
        };
        StatusCounts: {
            /** Format: int64 */
            open: number;
            /** Format: int64 */
            in_progress: number;
            /** Format: int64 */
            resolved: number;
            /** Format: int64 */
            closed: number;
        };
        PriorityCounts: {
            /** Format: int64 */
            low: number;
            /** Format: int64 */
            medium: number;
            /** Format: int64 */
            high: number;
            /** Format: int64 */
            critical: number;
        };
        CaseTypeCounts: {
            /** Format: int64 */
            support: number;
            /** Format: int64 */
            requirement: number;
            /** Format: int64 */
            investigation: number;
        };
        CaseCounts: {
            /**
             * Format: int64
             * @description Cases created in the period.
             */
            total: number;
            /** @description By current status. */
            by_status: components["schemas"]["StatusCounts"];
            by_priority: components["schemas"]["PriorityCounts"];
            by_type: components["schemas"]["CaseTypeCounts"];
        };
        DayCount: {
            /**
             * Format: date
             * @example 2025-10-01
             */
            date: string;
            /** Format: int64 */
            cases: number;
        };
        TimeToResolve: {
            /**
             * Format: int64
             * @description Cases of the period that reached resolved.
             */
            resolved_cases: number;
            /** @description Median, in seconds. */
            p50_seconds: number | null;
            /** @description 95th percentile, in seconds. */
            p95_seconds: number | null;
        };
        TableCount: {
            /** @example public.sales */
            table: string;
            /**
             * Format: int64
             * @description Query records of the period that name the table.
             */
            queries: number;
        };
        FingerprintCount: {
            /** @example a0ead580058af585 */
            fingerprint: string;
            /** @example SELECT * FROM sales WHERE id = $1 */
            normalized: string | null;
            /**
             * Format: int64
             * @description Query records of the period with the fingerprint.
             */
            queries: number;
        };
        FlagCount: {
            flag: components["schemas"]["QueryFlag"];
            /** @example prod_db */
            database_name: string;
            /**
             * Format: int64
             * @description Query records of the period with the flag, on that database.
             */
            queries: number;
        };
        StatsResponse: {
            period: components["schemas"]["StatsPeriodResponse"];
            cases: components["schemas"]["CaseCounts"];
            /** @description Days without a new case are left out. */
            opened_per_day: components["schemas"]["DayCount"][];
            /** @description From creation to the move to resolved (a case closed without it does not count). Nearest-rank percentiles from 2 %-wide buckets: within 1 %. */
            time_to_resolve: components["schemas"]["TimeToResolve"];
            /** @description The 10 most named tables. */
            top_tables: components["schemas"]["TableCount"][];
            /** @description The 10 most recorded shapes. */
            top_fingerprints: components["schemas"]["FingerprintCount"][];
            /** @description Most frequent first. */
            flagged_queries: components["schemas"]["FlagCount"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: unknown;
                        };
                        error?: {
                            [key: string]: unknown;
                        };
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: unknown;
                        };
                        error?: {
                            [key: string]: unknown;
                        };
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: unknown;
                        };
                        error?: {
                            [key: string]: unknown;
                        };
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: unknown;
                        };
                        error?: {
                            [key: string]: unknown;
                        };
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: unknown;
                        };
                        error?: {
                            [key: string]: unknown;
                        };
                        details?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    listFingerprints: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                /** @description Left out: occurrences. total_time is the sum of execution_time_ms; fingerprints without a timed record come last by p95. */
                sort_by?: components["schemas"]["FingerprintSortField"];
                /** @description Left out: desc (the top list); asc is its exact reverse. */
                sort_order?: components["schemas"]["SortOrder"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the top list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["FingerprintListResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getFingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fingerprint and its figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["FingerprintResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FINGERPRINT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    exportCases: {
        parameters: {
            query?: {
                status?: components["schemas"]["CaseStatus"];
                priority?: components["schemas"]["Priority"];
                case_type?: components["schemas"]["CaseType"];
                /** @description Exact email, any letter case. */
                created_by?: string;
                /** @description Case-insensitive substring of title or description; `%`, `_` and `\` are literal. A term without 3 letters or digits in a row (`e`, `%`, `a b`) is answered by reading every case: by default one such list at a time per client (another at once: 429, Retry-After 1) and a bounded wait for a turn (503 beyond). */
                search?: string;
                /** @description created_at ≥ this (ISO 8601 date or date-time with zone, years 1900–9999). A bare date is midnight UTC. */
                date_gte?: string;
                /** @description created_at ≤ this (ISO 8601 date or date-time with zone, years 1900–9999). A bare date includes that whole day (UTC). */
                date_lte?: string;
                /** @description Cases with a query record that names this table (`schema.table`, any letter case). The query filters (table, fingerprint, database_name, class, flag, executed_by) must all hold for one same record; they read the current analyzer's analyses. */
                table?: string;
                /** @description Cases with a query record of this fingerprint (the analysis' `fingerprint`). */
                fingerprint?: string;
                /** @description Cases with a query record run on this database (exact). */
                database_name?: string;
                /** @description Cases with a query record holding a statement of this class. */
                class?: components["schemas"]["StatementClass"];
                /** @description Cases with a query record flagged so. */
                flag?: components["schemas"]["QueryFlag"];
                /** @description Cases with a query record run by this email, any letter case. */
                executed_by?: string;
                /** @description ndjson (left out): one case per line with all its query records; csv: one row per query record. */
                format?: components["schemas"]["ExportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description format=ndjson: one CaseExportLine per line (LF-ended). format=csv: RFC 4180 with a header row, CRLF-ended, one row per query record with its case’s fields (a case without records: one row, record columns empty); a cell starting with = + - @, tab or CR is prefixed with ' against spreadsheet formulas. Sent as an attachment (cases-<timestamp>.ndjson|csv). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["CaseExportLine"];
                    "text/csv": string;
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listCases: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                status?: components["schemas"]["CaseStatus"];
                priority?: components["schemas"]["Priority"];
                case_type?: components["schemas"]["CaseType"];
                /** @description Exact email, any letter case. */
                created_by?: string;
                /** @description Case-insensitive substring of title or description; `%`, `_` and `\` are literal. A term without 3 letters or digits in a row (`e`, `%`, `a b`) is answered by reading every case: by default one such list at a time per client (another at once: 429, Retry-After 1) and a bounded wait for a turn (503 beyond). */
                search?: string;
                /** @description created_at ≥ this (ISO 8601 date or date-time with zone, years 1900–9999). A bare date is midnight UTC. */
                date_gte?: string;
                /** @description created_at ≤ this (ISO 8601 date or date-time with zone, years 1900–9999). A bare date includes that whole day (UTC). */
                date_lte?: string;
                /** @description Cases with a query record that names this table (`schema.table`, any letter case). The query filters (table, fingerprint, database_name, class, flag, executed_by) must all hold for one same record; they read the current analyzer's analyses. */
                table?: string;
                /** @description Cases with a query record of this fingerprint (the analysis' `fingerprint`). */
                fingerprint?: string;
                /** @description Cases with a query record run on this database (exact). */
                database_name?: string;
                /** @description Cases with a query record holding a statement of this class. */
                class?: components["schemas"]["StatementClass"];
                /** @description Cases with a query record flagged so. */
                flag?: components["schemas"]["QueryFlag"];
                /** @description Cases with a query record run by this email, any letter case. */
                executed_by?: string;
                /** @description Left out: created_at. */
                sort_by?: components["schemas"]["CaseSortField"];
                /** @description Left out: desc. */
                sort_order?: components["schemas"]["SortOrder"];
                /** @description The `next_cursor` of the previous page: the page after it, read from its place in the sort order, so every page costs what the first does however deep. Send the same filters and sort as the request that returned it (page_size may change), and no `page`. A cursor edited, or sent with other filters or sort: 422 on `cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of cases, without their query records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CaseListResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createCase: {
        parameters: {
            query?: never;
            header?: {
                /** @description A fresh UUID per intended write makes a retry safe: a request repeated with the same key (kept 24 h by default) is answered with the first response, marked `Idempotent-Replayed: true`, and writes nothing. The same key on a different request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_USE. Failures leave the key free. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCaseDto"];
            };
        };
        responses: {
            /** @description The new case with its query records; Location points at it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CaseResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN | ACTOR_MISMATCH */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED | VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case with its first 100 query records, oldest first, and queries_total. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CaseResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listCaseQueries: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the case's query records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["QueryRecordPageResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    appendQueries: {
        parameters: {
            query?: never;
            header?: {
                /** @description A fresh UUID per intended write makes a retry safe: a request repeated with the same key (kept 24 h by default) is answered with the first response, marked `Idempotent-Replayed: true`, and writes nothing. The same key on a different request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_USE. Failures leave the key free. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppendQueriesDto"];
            };
        };
        responses: {
            /** @description The new query records. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["QueryRecordListResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED | VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    changeCaseStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description A fresh UUID per intended write makes a retry safe: a request repeated with the same key (kept 24 h by default) is answered with the first response, marked `Idempotent-Replayed: true`, and writes nothing. The same key on a different request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_USE. Failures leave the key free. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeStatusDto"];
            };
        };
        responses: {
            /** @description The case after the change, as GET /cases/{id} shows it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CaseResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN | ACTOR_MISMATCH */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INVALID_STATUS_TRANSITION | IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED | VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getCaseHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every event of the case, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CaseHistoryResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getStats: {
        parameters: {
            query?: {
                /** @description First UTC day counted (cases by creation, query records by executed_at). */
                date_gte?: string;
                /** @description Last UTC day counted, whole. */
                date_lte?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures of the period. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["StatsResponse"];
                        errors: components["schemas"]["ErrorItem"][];
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description VALIDATION_ERROR */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
