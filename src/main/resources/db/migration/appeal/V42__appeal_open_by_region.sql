-- What waits on a supervisor's board (its region's open appeals at its level) is counted on every
-- home page; at province scale the open appeals are a few thousand among millions, so they are
-- found through an index of their own instead of the region's whole history.
create index appeal_open_region on appeal (community_code text_pattern_ops, level) where status <> 'CLOSED';
