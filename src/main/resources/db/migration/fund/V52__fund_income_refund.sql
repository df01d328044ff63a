-- the fund's other income (the common income the assembly put into it, by default) is allocated by
-- balance like interest; a house that is lost (灭失) has its balance refunded and its ledger closed
alter table fund_posting drop constraint fund_posting_kind_check;
alter table fund_posting add constraint fund_posting_kind_check check (kind in ('DEPOSIT', 'INTEREST', 'USE', 'INCOME', 'REFUND'));
alter table fund_ledger add column closed_at timestamptz;
