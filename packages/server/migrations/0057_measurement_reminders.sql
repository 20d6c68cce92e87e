-- Reminders of measurements due (modules/notifications/notifications.measurements.ts): a notification kind for an
-- action plan indicator entered by hand whose target period has ended without a measurement, told to the leads of the
-- organisation responsible for its activity. Depends on 0028, 0040 (notification kinds) and 0048 (plan indicators).

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_known;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
  CHECK (kind IN ('referral_received', 'referral_answered', 'decision_due', 'case_reassigned', 'approval_requested', 'approval_answered', 'measurement_due'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_known;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_known
  CHECK (kind IN ('referral_received', 'referral_answered', 'decision_due', 'case_reassigned', 'approval_requested', 'approval_answered', 'measurement_due'));
