-- A company that a supervisor chose (reassigned, re-dispatched) although it holds no contract for the
-- compound keeps the appeal while it is the handler; one that got it through its contract loses it
-- when the contract ends (the hand-over moves it on).
alter table appeal add column routed_outside_contract boolean not null default false;
