-- the community may return a draft to its convener with a reason (RETURNED), who revises and resubmits it
alter table motion drop constraint motion_status_check;
alter table motion add constraint motion_status_check check (status in ('DRAFT', 'RETURNED', 'PUBLISHED', 'CLOSED'));
alter table motion add column return_reason varchar(500);
alter table motion add column returned_at timestamptz;

-- a voter's id is its whole owner set ('12+57'), so it can be longer than one owner id; a house may have many co-owners
alter table ballot alter column voter_id type text;
alter table motion_notice_served alter column voter_id type text;
alter table roll_entry alter column owner_ids type text;

-- times come from the application's clock, never from the database's
alter table ballot alter column cast_at drop default;
alter table motion_notice_served alter column served_at drop default;
alter table motion_attachment alter column uploaded_at drop default;
