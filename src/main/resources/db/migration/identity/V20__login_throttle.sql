-- Login throttling per typed username (as SHA-256, so a password typed into the name field is
-- never stored) and client address, plus one row per username with address '*' for the ceiling
-- over all addresses; last_success_at marks the addresses a user is known to sign in from.
create table login_throttle (
    username_hash   char(64) not null,
    address         varchar(64) not null,
    failures        int not null default 0,
    window_start    timestamptz,
    locked_until    timestamptz,
    last_success_at timestamptz,
    updated_at      timestamptz not null,
    primary key (username_hash, address)
);
create index login_throttle_updated on login_throttle (updated_at);

-- the account-wide counter is replaced by the rows above; app_user.locked_until now shows the ceiling's pause
alter table app_user drop column failed_logins;
