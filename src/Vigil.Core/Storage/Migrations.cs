namespace Vigil.Core.Storage;

/// <summary>The store's schema, as numbered steps applied in order on open; a step never changes once released.</summary>
internal static class Migrations
{
    // {id}, {bigint} and {double} are the only dialect differences; everything else is portable SQL.
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE snapshots (
            id {id},
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            published TEXT NULL,
            imported_at TEXT NOT NULL,
            entity_count INTEGER NOT NULL,
            origin TEXT NOT NULL
        );
        CREATE INDEX ix_snapshots_source ON snapshots (source, id);
        CREATE TABLE records (
            snapshot_id {bigint} NOT NULL REFERENCES snapshots (id),
            record_id TEXT NOT NULL,
            schema TEXT NOT NULL,
            caption TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, record_id)
        );
        CREATE INDEX ix_records_record ON records (record_id, snapshot_id);
        CREATE TABLE statements (
            snapshot_id {bigint} NOT NULL,
            record_id TEXT NOT NULL,
            stmt_key {bigint} NOT NULL,
            seq INTEGER NOT NULL,
            property TEXT NOT NULL,
            value TEXT NOT NULL,
            original TEXT NULL,
            PRIMARY KEY (snapshot_id, record_id, stmt_key)
        );
        CREATE INDEX ix_statements_property ON statements (property, snapshot_id);
        CREATE TABLE names (
            snapshot_id {bigint} NOT NULL,
            record_id TEXT NOT NULL,
            name_key {bigint} NOT NULL,
            seq INTEGER NOT NULL,
            name_type TEXT NOT NULL,
            full_name TEXT NOT NULL,
            script TEXT NOT NULL,
            lang TEXT NULL,
            parts TEXT NULL,
            PRIMARY KEY (snapshot_id, record_id, name_key)
        );
        CREATE TABLE designations (
            snapshot_id {bigint} NOT NULL,
            record_id TEXT NOT NULL,
            designation_key {bigint} NOT NULL,
            seq INTEGER NOT NULL,
            program TEXT NOT NULL,
            listed_on TEXT NULL,
            authority TEXT NULL,
            reference TEXT NULL,
            PRIMARY KEY (snapshot_id, record_id, designation_key)
        );
        CREATE TABLE entity_links (
            id {id},
            left_id TEXT NOT NULL,
            right_id TEXT NOT NULL,
            method TEXT NOT NULL,
            evidence TEXT NULL,
            created_at TEXT NOT NULL,
            retracted_at TEXT NULL,
            UNIQUE (left_id, right_id, method)
        );
        CREATE INDEX ix_entity_links_right ON entity_links (right_id);
        """,
        """
        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            etag TEXT NULL,
            last_modified TEXT NULL,
            checked_at TEXT NOT NULL
        );
        CREATE TABLE quarantine (
            id {id},
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            format TEXT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL,
            resolved_at TEXT NULL,
            resolution TEXT NULL
        );
        CREATE INDEX ix_quarantine_source ON quarantine (source, id);
        """,
        """
        CREATE TABLE link_decisions (
            id {id},
            left_id TEXT NOT NULL,
            right_id TEXT NOT NULL,
            decision TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            note TEXT NULL
        );
        CREATE INDEX ix_link_decisions_pair ON link_decisions (left_id, right_id, id);
        """,
        """
        CREATE TABLE subjects (
            id {id},
            reference TEXT NOT NULL UNIQUE,
            current_version INTEGER NOT NULL,
            input_hash TEXT NOT NULL,
            monitored INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT NULL
        );
        CREATE TABLE subject_versions (
            subject_id {bigint} NOT NULL REFERENCES subjects (id),
            version INTEGER NOT NULL,
            change TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            schema TEXT NOT NULL,
            names TEXT NOT NULL,
            birth_dates TEXT NOT NULL,
            countries TEXT NOT NULL,
            unresolved_countries TEXT NOT NULL,
            identifiers TEXT NOT NULL,
            profile TEXT NOT NULL,
            portfolio TEXT NULL,
            monitored INTEGER NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (subject_id, version)
        );
        CREATE TABLE screening_runs (
            id {id},
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            profile TEXT NOT NULL,
            threshold {double} NOT NULL,
            matcher_version TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            config TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NULL,
            screened INTEGER NOT NULL,
            hits INTEGER NOT NULL,
            errors INTEGER NOT NULL
        );
        CREATE TABLE screening_run_snapshots (
            run_id {bigint} NOT NULL REFERENCES screening_runs (id),
            source TEXT NOT NULL,
            snapshot_id {bigint} NOT NULL REFERENCES snapshots (id),
            published TEXT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY (run_id, source)
        );
        CREATE TABLE screenings (
            id {id},
            run_id {bigint} NOT NULL REFERENCES screening_runs (id),
            subject_id {bigint} NULL REFERENCES subjects (id),
            subject_version INTEGER NULL,
            input_hash TEXT NOT NULL,
            outcome TEXT NOT NULL,
            top_score {double} NULL,
            screened_at TEXT NOT NULL,
            decision_id {bigint} NULL,
            error TEXT NULL
        );
        CREATE INDEX ix_screenings_subject ON screenings (subject_id, id);
        CREATE INDEX ix_screenings_run ON screenings (run_id, id);
        CREATE TABLE screening_hits (
            screening_id {bigint} NOT NULL REFERENCES screenings (id),
            seq INTEGER NOT NULL,
            entity_id TEXT NOT NULL,
            record_ids TEXT NOT NULL,
            score {double} NOT NULL,
            band INTEGER NOT NULL,
            explanation_hash TEXT NOT NULL,
            entity_fingerprint TEXT NULL,
            PRIMARY KEY (screening_id, seq)
        );
        """,
        """
        ALTER TABLE screening_hits ADD COLUMN record_fingerprints TEXT NULL;
        CREATE TABLE record_facts (
            fingerprint TEXT PRIMARY KEY,
            record_id TEXT NOT NULL,
            facts TEXT NOT NULL
        );
        CREATE TABLE alerts (
            id {id},
            subject_id {bigint} NOT NULL REFERENCES subjects (id),
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            reasons TEXT NOT NULL,
            changes TEXT NULL,
            entity_id TEXT NOT NULL,
            caption TEXT NOT NULL,
            score {double} NOT NULL,
            band INTEGER NOT NULL,
            input_hash TEXT NOT NULL,
            subject_version INTEGER NOT NULL,
            screening_id {bigint} NULL REFERENCES screenings (id),
            decision_id {bigint} NULL,
            assigned_to TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            closed_at TEXT NULL,
            revision INTEGER NOT NULL
        );
        CREATE INDEX ix_alerts_status ON alerts (status, id);
        CREATE INDEX ix_alerts_open ON alerts (closed_at, id);
        CREATE INDEX ix_alerts_subject ON alerts (subject_id, status, id);
        CREATE TABLE alert_records (
            alert_id {bigint} NOT NULL REFERENCES alerts (id),
            record_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (alert_id, record_id)
        );
        CREATE INDEX ix_alert_records_record ON alert_records (record_id, alert_id);
        CREATE TABLE alert_events (
            id {id},
            alert_id {bigint} NOT NULL REFERENCES alerts (id),
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            detail TEXT NULL
        );
        CREATE INDEX ix_alert_events_alert ON alert_events (alert_id, id);
        CREATE TABLE decisions (
            id {id},
            subject_id {bigint} NOT NULL REFERENCES subjects (id),
            alert_id {bigint} NULL REFERENCES alerts (id),
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            note TEXT NOT NULL,
            state TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            subject_version INTEGER NOT NULL,
            band INTEGER NOT NULL,
            score {double} NOT NULL,
            screening_id {bigint} NULL REFERENCES screenings (id),
            expires_at TEXT NULL,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            ended_by TEXT NULL,
            ended_at TEXT NULL,
            end_reason TEXT NULL
        );
        CREATE INDEX ix_decisions_subject ON decisions (subject_id, state, id);
        CREATE TABLE decision_records (
            decision_id {bigint} NOT NULL REFERENCES decisions (id),
            record_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (decision_id, record_id)
        );
        CREATE INDEX ix_decision_records_record ON decision_records (record_id, decision_id);
        CREATE TABLE monitor_queue (
            id {id},
            trigger_kind TEXT NOT NULL,
            source TEXT NULL,
            from_snapshot {bigint} NULL,
            to_snapshot {bigint} NULL,
            records TEXT NULL,
            queued_at TEXT NOT NULL,
            finished_at TEXT NULL,
            run_id {bigint} NULL,
            subjects INTEGER NULL,
            alerts INTEGER NULL
        );
        CREATE INDEX ix_monitor_queue_pending ON monitor_queue (finished_at, id);
        CREATE TABLE subject_keys (
            subject_id {bigint} NOT NULL REFERENCES subjects (id),
            subject_version INTEGER NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (subject_id, key)
        );
        CREATE INDEX ix_subject_keys_key ON subject_keys (key, subject_id);
        CREATE TABLE store_generation (
            id INTEGER PRIMARY KEY,
            generation {bigint} NOT NULL
        );
        INSERT INTO store_generation (id, generation) VALUES (1, 0);
        CREATE TABLE jobs (
            id {id},
            kind TEXT NOT NULL,
            run_id {bigint} NOT NULL REFERENCES screening_runs (id),
            state TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            profile TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            finished_at TEXT NULL,
            row_count INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            chunk_count INTEGER NOT NULL,
            result_hash TEXT NULL
        );
        CREATE TABLE job_chunks (
            id {id},
            job_id {bigint} NOT NULL REFERENCES jobs (id),
            seq INTEGER NOT NULL,
            first_row INTEGER NOT NULL,
            row_count INTEGER NOT NULL,
            state TEXT NOT NULL,
            claimed_by TEXT NULL,
            lease_until TEXT NULL,
            attempts INTEGER NOT NULL,
            done_at TEXT NULL,
            UNIQUE (job_id, seq)
        );
        CREATE INDEX ix_job_chunks_claim ON job_chunks (state, job_id, seq);
        CREATE TABLE job_rows (
            job_id {bigint} NOT NULL REFERENCES jobs (id),
            row_no INTEGER NOT NULL,
            line {bigint} NOT NULL,
            reference TEXT NOT NULL,
            input TEXT NULL,
            error TEXT NULL,
            PRIMARY KEY (job_id, row_no)
        );
        CREATE TABLE job_results (
            job_id {bigint} NOT NULL REFERENCES jobs (id),
            row_no INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            top_score {double} NULL,
            result TEXT NOT NULL,
            PRIMARY KEY (job_id, row_no)
        );
        """,
        """
        CREATE TABLE api_keys (
            id {id},
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            revoked_at TEXT NULL,
            revoked_by TEXT NULL
        );
        CREATE UNIQUE INDEX ux_api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
        CREATE TABLE users (
            id {id},
            login TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            disabled_at TEXT NULL,
            disabled_by TEXT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id {bigint} NULL REFERENCES users (id),
            key_id {bigint} NULL REFERENCES api_keys (id),
            operator_key_hash TEXT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            ended_at TEXT NULL
        );
        CREATE INDEX ix_sessions_user ON sessions (user_id);
        ALTER TABLE decisions ADD COLUMN approved_by TEXT NULL;
        ALTER TABLE decisions ADD COLUMN approved_at TEXT NULL;
        """,
        """
        CREATE TABLE audit_log (
            seq {bigint} PRIMARY KEY,
            time TEXT NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NULL,
            alert_id {bigint} NULL,
            decision_id {bigint} NULL,
            snapshot_id {bigint} NULL,
            run_id {bigint} NULL,
            payload_hash TEXT NOT NULL,
            leaf_hash {blob} NOT NULL,
            chain_hash {blob} NOT NULL
        );
        CREATE INDEX ix_audit_log_subject ON audit_log (subject, seq);
        CREATE INDEX ix_audit_log_time ON audit_log (time, seq);
        CREATE INDEX ix_audit_log_run ON audit_log (run_id) WHERE run_id IS NOT NULL;
        CREATE TABLE audit_payloads (
            seq {bigint} PRIMARY KEY REFERENCES audit_log (seq),
            payload TEXT NOT NULL
        );
        CREATE TABLE audit_tiles (
            tile {bigint} PRIMARY KEY,
            root {blob} NOT NULL
        );
        CREATE TABLE audit_checkpoints (
            id {id},
            tree_size {bigint} NOT NULL,
            root {blob} NOT NULL,
            signed_at TEXT NOT NULL,
            key_id TEXT NOT NULL,
            note TEXT NOT NULL
        );
        CREATE TABLE legal_holds (
            subject TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            placed_by TEXT NOT NULL,
            placed_at TEXT NOT NULL
        );
        {refuse:audit_log:UPDATE OR DELETE}
        {refuse:audit_payloads:UPDATE}
        {refuse:audit_checkpoints:UPDATE OR DELETE}
        """,
        """
        CREATE INDEX ix_alerts_queue ON alerts (closed_at, band DESC, id);
        CREATE INDEX ix_alerts_counts ON alerts (closed_at, kind, created_at);
        """,
        """
        ALTER TABLE monitor_queue ADD COLUMN score_margin {double} NULL;
        ALTER TABLE monitor_queue ADD COLUMN screening_mark {bigint} NULL;
        """,
        """
        CREATE TABLE webhooks (
            id {id},
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            secret TEXT NOT NULL,
            description TEXT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            removed_at TEXT NULL,
            removed_by TEXT NULL
        );
        CREATE TABLE webhook_messages (
            id {id},
            message_id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE webhook_deliveries (
            id {id},
            webhook_id {bigint} NOT NULL REFERENCES webhooks (id),
            message_id {bigint} NOT NULL REFERENCES webhook_messages (id),
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at TEXT NULL,
            lease_until TEXT NULL,
            last_status INTEGER NULL,
            last_error TEXT NULL,
            delivered_at TEXT NULL
        );
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
        CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
        CREATE TABLE webhook_attempts (
            delivery_id {bigint} NOT NULL REFERENCES webhook_deliveries (id),
            attempt INTEGER NOT NULL,
            at TEXT NOT NULL,
            status INTEGER NULL,
            error TEXT NULL,
            duration_ms {bigint} NOT NULL,
            PRIMARY KEY (delivery_id, attempt)
        );
        """,
        // The queue in priority order filtered by kind (the counts' links), over every status, and assigned to one
        // analyst: each page walks an index to its 50 rows instead of sorting or filtering every alert.
        """
        CREATE INDEX ix_alerts_queue_kind ON alerts (closed_at, kind, band DESC, id);
        CREATE INDEX ix_alerts_priority ON alerts (band DESC, id);
        CREATE INDEX ix_alerts_assignee ON alerts (assigned_to, closed_at, band DESC, id);
        """,
    ];

    public static int Latest => Steps.Length;

    public static string Sql(int version, StoreKind kind) => RefusalTriggers(Steps[version - 1], kind)
        .Replace("{blob}", kind == StoreKind.Sqlite ? "BLOB" : "BYTEA", StringComparison.Ordinal)
        .Replace("{id}", kind == StoreKind.Sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", StringComparison.Ordinal)
        .Replace("{bigint}", kind == StoreKind.Sqlite ? "INTEGER" : "BIGINT", StringComparison.Ordinal)
        .Replace("{double}", kind == StoreKind.Sqlite ? "REAL" : "DOUBLE PRECISION", StringComparison.Ordinal);

    /// <summary>
    /// <c>{refuse:TABLE:UPDATE OR DELETE}</c> becomes triggers that make those statements fail on TABLE: the audit
    /// trail is append-only for everyone but someone who drops the trigger first, which <c>vigil audit verify</c> then shows.
    /// </summary>
    private static string RefusalTriggers(string sql, StoreKind kind) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"\{refuse:(\w+):([A-Z ]+)\}", m =>
        {
            var table = m.Groups[1].Value;
            var operations = m.Groups[2].Value.Split(" OR ");
            if (kind == StoreKind.Sqlite)
            {
                return string.Concat(operations.Select(op =>
                    $"CREATE TRIGGER {table}_refuse_{op.ToLowerInvariant()} BEFORE {op} ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END;\n"));
            }
            var truncate = operations.Contains("DELETE")
                ? $"CREATE TRIGGER {table}_refuse_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION vigil_refuse_change();\n"
                : "";
            return $"""
                CREATE OR REPLACE FUNCTION vigil_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$;
                CREATE TRIGGER {table}_refuse BEFORE {m.Groups[2].Value} ON {table} FOR EACH ROW EXECUTE FUNCTION vigil_refuse_change();
                {truncate}
                """;
        });
}
