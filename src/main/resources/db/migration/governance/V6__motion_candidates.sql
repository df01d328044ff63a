-- an election's nominated candidates (owner ids, '|'-separated); ballots may choose only among them
alter table motion add column candidate_ids varchar(2000);
alter table motion add constraint motion_candidates check (candidate_ids is null or matter = 3);
