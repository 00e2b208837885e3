#!/usr/bin/env bash
# Idempotently prepare CUPS for the printing integration test (run as root):
# starts cupsd if it is not answering and creates a cups-pdf queue.
#   sudo bash electron/printing/setup-cups.sh            # queue "HappyHeadPDF"
#   HAPPYHEAD_CUPS_PRINTER=Other bash setup-cups.sh      # another queue name
# Needs the Debian packages cups, cups-bsd, printer-driver-cups-pdf (and poppler-utils for the test).
set -euo pipefail

queue="${HAPPYHEAD_CUPS_PRINTER:-HappyHeadPDF}"

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-cups.sh: must run as root" >&2
  exit 1
fi
for tool in cupsd lpadmin lpstat lpinfo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "setup-cups.sh: '$tool' not found; install cups, cups-bsd and printer-driver-cups-pdf" >&2
    exit 1
  fi
done

if ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
  cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "scheduler is running" && break
    sleep 0.2
  done
  if ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
    echo "setup-cups.sh: cupsd did not start" >&2
    exit 1
  fi
fi

if lpstat -v "$queue" 2>/dev/null | grep -q "cups-pdf:/"; then
  echo "setup-cups.sh: queue $queue already exists"
else
  ppd="$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_noopt\.ppd/ {print $1; exit}')"
  if [ -z "$ppd" ]; then
    echo "setup-cups.sh: cups-pdf PPD not found; install printer-driver-cups-pdf" >&2
    exit 1
  fi
  lpadmin -p "$queue" -E -v cups-pdf:/ -m "$ppd"
  echo "setup-cups.sh: created queue $queue ($ppd)"
fi
# cups-pdf names a file after the job's title and by default overwrites a file of the same name: a slip printed
# twice would leave one file, and two databases' "ticket 42 job 539" would overwrite each other. "Label 1" puts
# CUPS's own job number in front ("job_57-Happy_Head_ticket_42_job_539…"), so every job the spooler printed is a file.
conf=/etc/cups/cups-pdf.conf
if [ -f "$conf" ] && ! grep -qx 'Label 1' "$conf"; then
  sed -i -E '/^#?Label[[:space:]]/d' "$conf"
  echo 'Label 1' >>"$conf"
fi
cupsenable "$queue"
cupsaccept "$queue"
lpstat -p "$queue"
