-- destroys: query_analyses
-- The analyses can be recomputed from the query texts (npm run queries:reanalyze).
drop table if exists query_analyses;
