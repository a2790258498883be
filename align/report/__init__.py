"""Reports: tables (pandas) and the files ``align run`` writes."""
