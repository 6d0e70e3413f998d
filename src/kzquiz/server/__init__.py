"""The classroom web app behind ``kzquiz serve``: learners study in the browser, teachers run their classes.

An ASGI application (FastAPI on Starlette, Jinja2 templates, served by uvicorn) that drives the library only:
:class:`kzquiz.Session` asks and records, :meth:`kzquiz.Question.check` grades, :func:`kzquiz.stats` and the
teachers' functions of :mod:`kzquiz.reporting` report. Accounts, classes and uploaded decks live behind
:class:`~kzquiz.server.classroom.Classroom`. Install it with ``pip install 'kzquiz[server]'``; nothing in the
rest of kzquiz imports this package.

Modules: :mod:`~kzquiz.server.app` (the application, headers, limits, error pages), :mod:`~kzquiz.server.web`
(what pages share: sign-in, CSRF, access rules), :mod:`~kzquiz.server.learner` and :mod:`~kzquiz.server.teacher`
(the pages), :mod:`~kzquiz.server.api` (the JSON API), :mod:`~kzquiz.server.study` (asking and answering),
:mod:`~kzquiz.server.views` (what pages show), :mod:`~kzquiz.server.decks` (uploads),
:mod:`~kzquiz.server.auth` (passwords, tokens), :mod:`~kzquiz.server.classroom` and
:mod:`~kzquiz.server.classroom_sqlite` (accounts and classes), :mod:`~kzquiz.server.run` (``kzquiz serve``).
"""
