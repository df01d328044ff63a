-- binding failures are also counted per certificate number, so that new accounts cannot take turns guessing one house
alter table binding_attempt add column certificate_no varchar(50);
create index binding_attempt_certificate on binding_attempt (certificate_no, at);
