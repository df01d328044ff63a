-- a motion on using the maintenance fund for a repair is decided by the houses that benefit (a unit,
-- a chosen set), which need not be whole buildings: the roll is then limited to these houses
alter table motion add column house_ids bigint[];
