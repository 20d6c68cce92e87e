-- Which activities of the national action plan answer which recommendations: one activity can answer many
-- recommendations of different bodies, one recommendation can need many activities. Plain SQL accepted by PostgreSQL
-- 15 and later and PGlite. Depends on 0047 (plan_activities) and 0049 (recommendations).

CREATE TABLE recommendation_activities (
  recommendation_id uuid NOT NULL CONSTRAINT recommendation_activities_recommendation_fk REFERENCES recommendations (id),
  activity_id uuid NOT NULL CONSTRAINT recommendation_activities_activity_fk REFERENCES plan_activities (id),
  linked_by uuid NOT NULL CONSTRAINT recommendation_activities_linked_by_fk REFERENCES users (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recommendation_activities_pk PRIMARY KEY (recommendation_id, activity_id)
);
CREATE INDEX recommendation_activities_activity_idx ON recommendation_activities (activity_id);
COMMENT ON TABLE recommendation_activities IS 'An activity of the plan answering a recommendation (many to many); linked by the national coordinator, a cluster''s members at once';
