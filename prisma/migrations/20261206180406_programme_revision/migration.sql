-- AlterTable
ALTER TABLE "Conference" ADD COLUMN     "programmeRevision" INTEGER NOT NULL DEFAULT 0;

-- Any change to what the public programme shows raises the conference's programmeRevision (decision 077),
-- whichever code path writes it: pages reuse what they computed for a revision until it moves. The counter
-- is raised inside the writing transaction, so a reader sees the new revision exactly when it can see the
-- new rows. (Bodies are E-strings with \073 for the semicolon: the migration runner splits statements at
-- every semicolon.)

-- The conference row itself (title, dates, zone, status...): any update but the raise itself.
CREATE FUNCTION "conference_programme_revision"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF NEW."programmeRevision" = OLD."programmeRevision" THEN NEW."programmeRevision" := OLD."programmeRevision" + 1\073 END IF\073 RETURN NEW\073 END\073';
CREATE TRIGGER "Conference_programme_revision" BEFORE UPDATE ON "Conference" FOR EACH ROW EXECUTE FUNCTION "conference_programme_revision"();

-- Sessions, rooms, tracks and speakers carry their conference.
CREATE FUNCTION "programme_row_changed"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF TG_OP = ''DELETE'' THEN UPDATE "Conference" SET "programmeRevision" = "programmeRevision" + 1 WHERE id = OLD."conferenceId"\073 ELSE UPDATE "Conference" SET "programmeRevision" = "programmeRevision" + 1 WHERE id = NEW."conferenceId"\073 END IF\073 RETURN NULL\073 END\073';
CREATE TRIGGER "ProgrammeSession_programme_revision" AFTER INSERT OR UPDATE OR DELETE ON "ProgrammeSession" FOR EACH ROW EXECUTE FUNCTION "programme_row_changed"();
CREATE TRIGGER "Room_programme_revision" AFTER INSERT OR UPDATE OR DELETE ON "Room" FOR EACH ROW EXECUTE FUNCTION "programme_row_changed"();
CREATE TRIGGER "Track_programme_revision" AFTER INSERT OR UPDATE OR DELETE ON "Track" FOR EACH ROW EXECUTE FUNCTION "programme_row_changed"();
CREATE TRIGGER "Speaker_programme_revision" AFTER INSERT OR UPDATE OR DELETE ON "Speaker" FOR EACH ROW EXECUTE FUNCTION "programme_row_changed"();

-- Who speaks in a session: the conference through the session (when the session itself is being deleted,
-- its own trigger has raised the revision already).
CREATE FUNCTION "session_speaker_changed"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "Conference" SET "programmeRevision" = "programmeRevision" + 1 WHERE id IN (SELECT "conferenceId" FROM "ProgrammeSession" WHERE id = CASE WHEN TG_OP = ''DELETE'' THEN OLD."sessionId" ELSE NEW."sessionId" END)\073 RETURN NULL\073 END\073';
CREATE TRIGGER "SessionSpeaker_programme_revision" AFTER INSERT OR UPDATE OR DELETE ON "SessionSpeaker" FOR EACH ROW EXECUTE FUNCTION "session_speaker_changed"();
