-- a password someone else set (an operator's reset, a company granting a login) is temporary:
-- its user must replace it at the next login
alter table app_user add column must_change_password boolean not null default false;
alter table app_user add column password_changed_at timestamptz;

-- a staff record has at most one working login, so that what a login did is what that person did
create unique index app_user_one_login_per_staff on app_user (staff_id) where role = 'STAFF' and enabled;

-- PIPL Art. 14: the notice a resident agreed to, and when; a new version of the notice asks again
create table privacy_consent (
    id             bigserial primary key,
    user_id        bigint not null references app_user (id),
    notice_version varchar(20) not null,
    consented_at   timestamptz not null,
    constraint privacy_consent_key unique (user_id, notice_version)
);
