-- Signing details of investment projects (issue 11): what a signing was, how much it contracted,
-- how much has arrived, and whether the project is in the project library (入库) and the statistics (纳统).
alter table projects
  add column agreement_kind text check (agreement_kind in ('intent', 'framework', 'investment', 'contract')),
  -- 意向 / 框架协议 / 投资协议 / 正式合同
  add column contracted_investment_wan numeric check (contracted_investment_wan >= 0),  -- 签约投资额, 万元
  add column funds_in_place_wan numeric check (funds_in_place_wan >= 0),                -- 到位资金 to date, 万元
  add column library_on date,                   -- 入库: entered the project library on this date (null: not yet)
  add column stats_on date;                     -- 纳统: counted in the statistics from this date (null: not yet)

-- Projects signed before this migration keep their stage; their agreement is unknown (null), shown as such.
