#!/bin/sh
# Tadamun's PostgreSQL backup, run daily by deploy/tadamun-backup.timer (docs/DEPLOY.md).
#
# Writes one pg_dump archive (custom format, restored with pg_restore) of DATABASE_URL into
# BACKUP_DIR (default /var/backups/tadamun), readable by its owner only, and deletes the archives
# older than BACKUP_KEEP_DAYS (default 14). A half-written archive never carries the final name.
set -eu
dir=${BACKUP_DIR:-/var/backups/tadamun}
keep=${BACKUP_KEEP_DAYS:-14}
umask 077
mkdir -p "$dir"
archive="$dir/tadamun-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-owner --file="$archive.partial" --dbname="$DATABASE_URL"
mv "$archive.partial" "$archive"
find "$dir" -name 'tadamun-*.dump' -mtime +"$keep" -delete
echo "$archive"
