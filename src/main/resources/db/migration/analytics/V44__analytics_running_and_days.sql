-- the clocks still running are judged from this index alone (a city has thousands open at a time)
drop index analytics_appeal_running_region;
create index analytics_appeal_running_region on analytics_appeal (community_code text_pattern_ops, day)
    include (compound_id, company_id, accept_pending_due, resolve_pending_due)
    where accept_pending_due is not null or resolve_pending_due is not null;

-- the hot-spot watch reads every fact of the last nine weeks of the whole province every ten minutes:
-- by day, from the index alone, instead of scanning three years of facts
create index analytics_appeal_day on analytics_appeal (day) include (community_code, compound_id, category, kind);
