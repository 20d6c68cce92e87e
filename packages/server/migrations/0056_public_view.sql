-- The public view: the national coordinator publishes a plan's progress, the recommendations' status and the latest
-- determinants summary to a page anyone reads without signing in. A publication is a snapshot: its content is computed
-- once, at publication, and kept as JSON, rather than computed on each read from flags. So what the public saw, and
-- when, stays on record (each publication is kept; republishing ends the previous one, withdrawing ends the current
-- one), and the page is one stored document whose fingerprint (etag) lets browsers and proxies cache it. The content
-- holds codes, names of organisations and counts perturbed by the cell-key method, never anything personal
-- (modules/public-view). Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001 and 0047.

CREATE TABLE public_view_publications (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL CONSTRAINT public_view_publications_plan_fk REFERENCES action_plans (id),
  content jsonb NOT NULL,
  etag text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid NOT NULL CONSTRAINT public_view_publications_published_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT public_view_publications_organisation_fk REFERENCES organisations (id),
  ended_at timestamptz,
  ended_by uuid CONSTRAINT public_view_publications_ended_by_fk REFERENCES users (id),
  ended_how text,
  CONSTRAINT public_view_publications_ended_how_known CHECK (ended_how IS NULL OR ended_how IN ('replaced', 'withdrawn')),
  CONSTRAINT public_view_publications_ended_whole CHECK ((ended_at IS NULL) = (ended_how IS NULL) AND (ended_at IS NULL) = (ended_by IS NULL))
);
-- At most one publication is current: the one the public page shows.
CREATE UNIQUE INDEX public_view_publications_one_current ON public_view_publications ((true)) WHERE ended_at IS NULL;
CREATE INDEX public_view_publications_published_idx ON public_view_publications (published_at DESC);
COMMENT ON TABLE public_view_publications IS 'Each publication of the public page (a snapshot, never rewritten): the one with no ended_at is shown; earlier ones say what the public saw when';
COMMENT ON COLUMN public_view_publications.content IS 'contracts publicViewContent: codes, organisation names, texts of plans and recommendations, counts of case data perturbed by the cell-key method';
COMMENT ON COLUMN public_view_publications.etag IS 'SHA-256 of the content as served, the HTTP entity tag of the public page';
COMMENT ON COLUMN public_view_publications.ended_how IS 'replaced (by a newer publication) or withdrawn (the page unpublished)';
