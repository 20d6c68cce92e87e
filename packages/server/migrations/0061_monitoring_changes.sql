-- A change log of everything the action plan's progress page reads apart from the case events (which the computed
-- indicators keep by migration 0059's log): the plan's own tables, the organisations named on it, the trainings,
-- reference figures, SOP and country settings that some computed indicators, their deadlines and their threshold
-- depend on. Every statement that writes one of them logs its transaction's id, so that a server process keeping the
-- page it built (modules/action-plan/plan-progress.cache.ts) builds it again after any change committed since, also
-- one of a transaction that was still running when it built it (platform/db/change-log.ts). Only inserts into the log:
-- no row that writers wait on. Rows older than two days are removed by the daily job of the computed indicators.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite.

CREATE TABLE monitoring_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  table_name text NOT NULL
);
COMMENT ON TABLE monitoring_changes IS 'Which transactions wrote what the plan''s progress page reads (besides case events): a kept page is built again after them; rows older than two days are removed';
CREATE INDEX monitoring_changes_tx ON monitoring_changes (tx);
CREATE INDEX monitoring_changes_changed_at ON monitoring_changes (changed_at);

CREATE FUNCTION monitoring_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO monitoring_changes (table_name) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER action_plans_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON action_plans FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_objectives_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_objectives FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_activities_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_activities FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_activity_partners_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_activity_partners FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_activity_budgets_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_activity_budgets FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_activity_funding_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_activity_funding FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_activity_progress_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_activity_progress FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_indicators_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_indicators FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_indicator_targets_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_indicator_targets FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER plan_indicator_measurements_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON plan_indicator_measurements FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER organisations_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER coordination_trainings_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON coordination_trainings FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER reference_datasets_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON reference_datasets FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER reference_statistics_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON reference_statistics FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER sop_versions_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON sop_versions FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
CREATE TRIGGER country_settings_monitoring_changes AFTER INSERT OR UPDATE OR DELETE ON country_settings FOR EACH STATEMENT EXECUTE FUNCTION monitoring_changed();
