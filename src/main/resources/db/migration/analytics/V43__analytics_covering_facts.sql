-- A region's facts over some days (hot spots, the concentration of complaints, a community's broken
-- months) are read from the index alone: at province scale a city's days are tens of thousands of
-- facts scattered over the table, and fetching each row was most of a dashboard's time.
drop index analytics_appeal_region_day;
create index analytics_appeal_region_day on analytics_appeal (community_code text_pattern_ops, day)
    include (compound_id, category, kind, complaints);
