-- The bank's statement of a fund account, line by line, reconciled against the books: a line
-- matches the posting with its reference and amount; one with the reference and another amount,
-- or with no posting at all, waits for a person to resolve it with a note.
create table fund_bank_line (
    id          bigserial primary key,
    account_id  bigint not null references fund_account (id),
    imported_at timestamptz not null,
    imported_by bigint not null,
    booked_on   date not null,
    reference   varchar(100) not null,
    amount_fen  bigint not null,
    summary     varchar(200) not null default '',
    status      varchar(10) not null check (status in ('MATCHED', 'MISMATCH', 'UNMATCHED', 'RESOLVED')),
    posting_id  bigint references fund_posting (id),
    resolution  varchar(500),
    resolved_by bigint,
    resolved_at timestamptz,
    version     int not null default 0,
    -- a statement imported again (or overlapping the last one) adds only the lines not seen yet
    constraint fund_bank_line_once unique (account_id, reference)
);
create index fund_bank_line_open on fund_bank_line (account_id, id) where status in ('MISMATCH', 'UNMATCHED');
