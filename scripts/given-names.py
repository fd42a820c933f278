#!/usr/bin/env python3
"""Writes extract/data/given-names.txt: the given names of the PyPI package
gender-guesser 0.4.0 (its data file nam_dict.txt, "List of first names and
gender" by Jörg Michael, 2007-2008, GNU Free Documentation License 1.2 or
later), one per line, single-word names of three letters or more.

Usage: pip download gender-guesser==0.4.0 --no-deps -d /tmp/gg && \
       python3 scripts/given-names.py /tmp/gg/gender_guesser-0.4.0-py2.py3-none-any.whl

Only the names are kept (no genders, no frequencies); names that are also
common English words ("Will", "Grace", "Major") are left out, so that the
extractor can take "<given name> <Capitalised word>" for a person's name.
"""
import sys
import zipfile

COMMON_WORDS = set("""
will mark may grace hope faith joy rose iris lily daisy amber ruby pearl crystal dawn summer april june
august autumn sky rain storm river forest hunter mason carter baker cook page art bill frank sue pat rob
gene guy jack don ray rod max miles chase dean earl duke king prince major general justice liberty unity
victory christian said israel india china paris florence chad jordan georgia kenya human star sunny
angel baby honey candy cherry ginger holly ivy jade olive violet hazel heather poppy sage winter spring
sterling royal noble early young long small little low wood stone hill brook dale glen field lane
north south east west central new old good best more most van von san del della al el le la de du da
ben bin abu ibn abd mac mc saint sainte santa per page tom kit bob sam ali
constitution law act court council union state city church party
key rich fair gay hardy price silver gray grey red free love
""".split())

def main(whl):
    with zipfile.ZipFile(whl) as z:
        data = z.read("gender_guesser/data/nam_dict.txt").decode("utf-8", "replace")
    names = set()
    for line in data.splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip()
        if " " in name or "+" in name or "-" in name or len(name) < 3 or not name.isalpha() or not name[0].isupper():
            continue
        if name.lower() in COMMON_WORDS:
            continue
        names.add(name)
    with open("extract/data/given-names.txt", "w", encoding="utf-8") as f:
        f.write("# Given names from gender-guesser 0.4.0 (PyPI), data file nam_dict.txt:\n")
        f.write("# \"List of first names and gender\", (c) 2007-2008 Jörg Michael, under the GNU Free\n")
        f.write("# Documentation License 1.2 or later; names only, written by scripts/given-names.py.\n")
        for n in sorted(names):
            f.write(n + "\n")
    print(len(names), "names")

if __name__ == "__main__":
    main(sys.argv[1])
