"""Lessons: YAML lesson scripts, their validation, server-side checks, the runner and progress.

The lesson format (lessons/*.yaml, checked with `flask --app simulator lessons check`)::

    schema_version: 1            # required; an unknown version is refused with a clear error
    id: facturen                 # a-z, 0-9 and -
    order: 4                     # position on the start page
    scenario: standaard          # the practice world it starts from ("Begin opnieuw" of the lesson)
    requires: [mijn-inburgering] # lessons best done first (shown on the start page)
    start_url: /sites/mail.oefenpost.nl/
    title: {nl: ..., en: ...}    # every text the learner sees: nl required, en complete,
    intro: {nl: ..., en: ...}    #   ar/ti/uk/fa/tr may be added (texts.LANGUAGES)
    goals: [{nl: ..., en: ...}]
    parts:                       # in order; `next: <part id>` jumps (validated: reachable, ends)
      - {id: lees, type: read, title: ..., text: ..., image: img/lessons/x.svg, alt: ..., tips: [...]}
      - id: klik
        type: guide              # happens on the sites; advances when `check` holds
        url: /sites/...          # optional: where the step begins
        instruction: {nl, en}
        targets: [{target: mijn.menu.lening, mark: arrow|A..E, page: mijn.home}]
        where: {nl, en}          # said in words when no target is on the page
        tips: [{kind: tip|let_op, text: {nl, en}}]
        check: {type: page, page: mijn.lening}   # no check: the learner presses Volgende
        feedback: [{when: <check>, text: {nl, en}}]
      - id: oefening-1
        type: exercise           # "Oefen nu zelf": situation, task, hints (ladder), show (Laat zien)
        check: {type: all_of, checks: [{type: answer, field: geleend, label: ..., value: loan.borrowed}]}
      - {id: samenvatting, type: summary, title: ..., text: ...}

Check types (checks.REGISTRY): page (page, params, latest), action (action, params),
state (path, filled | equals), answer (field, label, value from values.VALUES, wrong),
all_of and any_of (checks). Texts may use **Dutch words on the screen**, *Dutch names*,
__the Oefenomgeving's own labels__, [[glossary words|id]] and "- " lists (texts.py), and carry
recordings per language: `audio: {ti: audio/<name>.mp3}`. The glossary is woorden/woordenlijst.yaml.
"""
