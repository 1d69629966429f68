-- Time the typo correction of search (decision 0012) on a large synthetic vocabulary.
-- psql $DATABASE_URL -f bench/vocabulary_lookup.sql   (nothing is kept: it runs in a rolled-back transaction)
begin;
create temp table vocab (word varchar(60) primary key);
insert into vocab select distinct w from (
  select (array['ba','ka','ma','pe','ri','sa','ta','nga','ya','ndu','po','syan','ke','la','mu','se','di','an','kan','nya'])[1+floor(random()*20)::int]
      || (array['ba','ka','ma','pe','ri','sa','ta','nga','ya','ndu','po','syan','ke','la','mu','se','di','an','kan','nya'])[1+floor(random()*20)::int]
      || (array['ba','ka','ma','pe','ri','sa','ta','nga','ya','ndu','po','syan','ke','la','mu','se','di','an','kan','nya'])[1+floor(random()*20)::int]
      || (array['','ba','ka','ma','pe','ri','sa','ta','nga','ya','ndu','po','syan','ke','la','mu','se','di','an','kan'])[1+floor(random()*20)::int]
      || (array['','','an','kan','nya','i','ah','at','as','ul'])[1+floor(random()*10)::int] as w
  from generate_series(1, 400000)) x on conflict do nothing;
insert into vocab select word from core_search_word on conflict do nothing;
create index on vocab using gin (word gin_trgm_ops);
analyze vocab;
select count(*) from vocab;
\timing on
select word from vocab where word % 'posyandhu' order by word <-> 'posyandhu', word limit 5;
select word from vocab where word % 'posyandhu' order by word <-> 'posyandhu', word limit 5;
select word from vocab where word % 'koordinasi' order by word <-> 'koordinasi', word limit 5;
select word from vocab where word % 'kependudkan' order by word <-> 'kependudkan', word limit 5;
rollback;
