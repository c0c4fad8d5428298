alter function count_case_change() security invoker reset search_path;
