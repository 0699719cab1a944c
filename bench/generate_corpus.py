#!/usr/bin/env python3
"""Writes a careportal content folder of N clients x M items, and the same Markdown pages as a
Hugo site, so both generators render identical text in one benchmark run."""

import argparse
import os
import random

PARAGRAPH = (
    "Vandaag spraken we over school, vrienden en de plannen voor de komende weken. "
    "Het ging goed: {name} vertelde open over **thuis** en over de *stage*. "
    "We maken een nieuwe afspraak en kijken dan terug.\n\n"
)


def body(rng, name):
    parts = ["## Gesprek\n\n"]
    for _ in range(rng.randint(3, 6)):
        parts.append(PARAGRAPH.format(name=name))
    parts.append("- school\n- thuis\n- vrije tijd\n\n> Een citaat uit het gesprek.\n")
    return "".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def client_yaml(index):
    return (
        f"name: Cliënt {index}\n"
        f'dossier: "B-{index:05d}"\n'
        "birth_date: 2011-03-04\n"
        "care_workers:\n"
        "  - name: Bea Smit\n    role: Jeugdhulpverlener\n    email: bea@example.nl\n"
        "users:\n"
        f"  - username: ouder{index}\n    name: Ouder {index}\n"
        f"    email: ouder{index}@example.nl\n    relation: ouder\n"
    )


def agenda(count):
    lines = []
    for number in range(count):
        day = 1 + number % 28
        lines.append(
            f"- title: Afspraak {number}\n"
            f"  start: 2026-11-{day:02d} 10:00\n"
            f"  end: 2026-11-{day:02d} 11:00\n"
            "  location: Kantoor\n"
        )
    return "".join(lines)


def conversation(rng, number):
    day = 1 + number % 28
    return (
        f"title: Gesprek {number}\n"
        "messages:\n"
        f"  - at: 2026-11-{day:02d} 09:15\n"
        "    from: Bea Smit\n"
        "    text: |\n"
        + "".join("      " + line + "\n" for line in body(rng, "je").splitlines())
    )


def front(title, date, author=None):
    extra = f"author: {author}\n" if author else ""
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(7)

    content = os.path.join(args.out, "content")
    hugo = os.path.join(args.out, "hugo", "content")
    write(
        os.path.join(content, "portal.yaml"),
        "organisation: Bench\nissuer: Bench\nbase_url: https://bench.example.nl\n",
    )
    # Of every 50 items: 25 reports, 10 documents, 5 conversations, 10 appointments.
    reports = args.items // 2
    documents = args.items // 5
    conversations = args.items // 10
    appointments = args.items - reports - documents - conversations
    for index in range(args.clients):
        cid = f"c{index:05d}"
        base = os.path.join(content, "clients", cid)
        write(os.path.join(base, "client.yaml"), client_yaml(index))
        write(os.path.join(base, "agenda.yaml"), agenda(appointments))
        for number in range(reports):
            date = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}"
            text = body(rng, f"cliënt {index}")
            write(os.path.join(base, "reports", f"r{number:03d}.md"),
                  front(f"Verslag {number}", date, "Bea Smit") + text)
            write(os.path.join(hugo, cid, f"r{number:03d}.md"),
                  front(f"Verslag {number}", date) + text)
        for number in range(documents):
            text = body(rng, "het plan")
            write(os.path.join(base, "documents", f"d{number:03d}.md"),
                  front(f"Document {number}", "2026-10-01") + text)
            write(os.path.join(hugo, cid, f"d{number:03d}.md"),
                  front(f"Document {number}", "2026-10-01") + text)
        for number in range(conversations):
            write(os.path.join(base, "conversations", f"g{number:03d}.yaml"),
                  conversation(rng, number))
            write(os.path.join(hugo, cid, f"g{number:03d}.md"),
                  front(f"Gesprek {number}", "2026-11-01") + body(rng, "je"))
    write_hugo_site(os.path.join(args.out, "hugo"))


def write_hugo_site(root):
    write(os.path.join(root, "config.toml"),
          'baseURL = "https://bench.example.nl/"\ntitle = "Bench"\n'
          'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    write(os.path.join(root, "layouts", "_default", "single.html"),
          "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
          "<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
    write(os.path.join(root, "layouts", "_default", "list.html"),
          "<!DOCTYPE html><html><body><ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}"
          "</ul></body></html>\n")


if __name__ == "__main__":
    main()
