-- Every supervisor's home draws 26 weeks beside the same weeks a year before from a region's day
-- rows (2 × 182 days × 8 categories): read from the index alone, without the rows.
create index analytics_day_trends on analytics_day (unit, unit_key, day) include (appeals, complaints, rated, satisfied);
