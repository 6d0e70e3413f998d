"""Typing at a list of options: what a learner types picks an option only when it names that option.

questionary's lists move with the arrow keys and ignore letters, so a learner who typed an answer ("Astana", "b")
and pressed Enter used to get whichever option was highlighted. Here typed text names options the way a typed
answer does in plain mode (:func:`kzquiz.picks.named_options`), the highlight jumps to the option named, a line
under the list says what Enter will do, and Enter with text that names no option (or several, where one is asked
for) picks nothing and says why, keeping the prompt. questionary keeps what it does well: drawing the list, the
arrow keys, Space in a checkbox (which also makes every tick typed, so that the prompt's own checks apply), Enter
with nothing typed, Ctrl-C. It reads questionary's list control, found by searching the prompt's layout; where it
is not found (a questionary that builds its lists otherwise), :func:`read_typing` leaves the prompt as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from prompt_toolkit.application import Application
from prompt_toolkit.filters import Always, Condition, is_done
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.key_binding.bindings.cpr import load_cpr_bindings
from prompt_toolkit.key_binding.key_bindings import Binding
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window, walk

from kzquiz.picks import Named
from kzquiz.text import safe_text
from kzquiz.verdict import quote

if TYPE_CHECKING:
    from questionary.prompts.common import InquirerControl

SHOWN_OPTIONS = 3
"""How many of the options containing the typed text the line under the list names."""


class Typing:
    """The text typed at one list of options, what it names, and the line that says so under the list."""

    def __init__(
        self, control: InquirerControl, titles: Sequence[str], name: Callable[[str], Named], tick: Binding | None
    ) -> None:
        self.control = control
        self.titles = list(titles)
        self.name = name
        self.tick = tick
        """A checkbox's own Space, which ticks or unticks the highlighted option and runs the prompt's validation:
        Enter ticks typed options through it, as if the learner pointed at each and pressed Space. None: a select."""
        self.several = tick is not None
        """Whether options are ticked (a checkbox) rather than one picked."""
        self.text = ""
        self.named = Named()
        self.unavailable: tuple[int, ...] = ()
        """The options the text names that the list lets no one pick (disabled): then it names nothing."""
        self.refused = False
        """Whether Enter was just refused: the line then says so as an error."""
        self.ticked: tuple[int, ...] = ()
        """The options the last Enter ticked (a checkbox), named on the line until the next key."""
        self.home = control.pointed_at
        """Where the highlight was when typing began: erasing all the text points there again."""

    def type(self, text: str) -> None:
        """Add ``text`` (a key, or pasted text) and point at the option it names, if it names exactly one."""
        text = safe_text(text, newlines=False)
        if self.text or not text.isspace():  # a Space before any text is no text
            self.set(self.text + text)

    def set(self, text: str, *, point_back: bool = True) -> None:
        """Replace the typed text and read it again. Text erased to nothing (Backspace, Esc, Ctrl-U) takes the
        highlight back where the learner left it, unless ``point_back`` is false: Enter with nothing typed must
        never pick an option only the erased text named."""
        if text and not self.text:
            self.home = self.control.pointed_at
        elif self.text and not text and point_back:
            self.control.pointed_at = self.home
        self.text = text
        self.refused = False
        self.ticked = ()
        named = self.name(text) if text.strip() else Named()
        self.unavailable = tuple(index for index in named.picks if self.control.choices[index].disabled)
        self.named = Named() if self.unavailable else named
        if len(self.named.picks) == 1 or (self.several and self.named.picks):
            self.control.pointed_at = self.named.picks[0]

    def erase(self) -> None:
        """Backspace: one character less."""
        self.set(self.text[:-1])

    def move(self, down: bool) -> None:
        """An arrow key: the typed text is dropped and the highlight moves, as the learner now points."""
        self.set("", point_back=False)
        if down:
            self.control.select_next()
        else:
            self.control.select_previous()

    def enter(self, event: KeyPressEvent) -> None:
        """Enter with text typed: pick (or tick) what it names, or refuse and say why, keeping the prompt."""
        picks = self.named.picks
        if not picks or (len(picks) > 1 and not self.several):
            self.refused = True
            return
        if not self.several:
            self.control.pointed_at = picks[0]
            self.control.is_answered = True
            event.app.exit(result=self.control.get_pointed_at().value)
            return
        for index in picks:
            if self.tick is not None and self.control.choices[index].value not in self.control.selected_options:
                self.control.pointed_at = index
                self.tick.call(event)  # typing only ticks: Space on an option already ticked would untick it
        self.set("")
        self.ticked = picks

    @property
    def showing(self) -> bool:
        """Whether the line under the list has something to say."""
        return bool(self.text or self.ticked)

    def line(self) -> StyleAndTextTuples:
        """The line under the list: the typed text, then what Enter does with it (or why it does nothing)."""
        if self.ticked:
            return [
                ("class:search_success", f"  Ticked {self._names(self.ticked)}."),
                ("class:instruction", " Enter submits your ticks."),
            ]
        typed = ("class:answer", f"  {quote(self.text)}")
        picks = self.named.picks
        if picks and (self.several or len(picks) == 1):
            what = f"Enter {'ticks' if self.several else 'picks'} {'it' if len(picks) == 1 else 'them'}"
            return [typed, ("class:search_success", f" → {self._names(picks)}"), ("class:instruction", f"  ({what})")]
        if self.unavailable:
            why = f"names {self._names(self.unavailable)}, which cannot be {'ticked' if self.several else 'picked'}"
        elif picks:
            why = f"names {len(picks)} options: pick one only"
        elif self.named.containing:
            shown = self._names(self.named.containing[:SHOWN_OPTIONS])
            more = ", ..." if len(self.named.containing) > SHOWN_OPTIONS else ""
            why = f"is in {len(self.named.containing)} options ({shown}{more}): type more, or use the arrow keys"
        else:
            why = "names no option: Backspace to change it, or use the arrow keys"
        if self.refused:
            return [typed, ("class:search_none", f"  Nothing {'ticked' if self.several else 'picked'}: it {why}")]
        return [typed, ("class:instruction", f"  ({why})")]

    def _names(self, indexes: Sequence[int]) -> str:
        return ", ".join(self.titles[index] for index in indexes)


def read_typing(
    application: Application[Any], titles: Sequence[str], name: Callable[[str], Named], *, several: bool = False
) -> Typing | None:
    """Make the questionary ``select`` (or, with ``several``, ``checkbox``) in ``application`` read typed text.

    ``titles`` are the options as the line under the list names them, ``name`` reads what a text names. Keys that
    questionary gives a meaning (a checkbox's ``a`` ticks all, ``i`` inverts, ``j``/``k`` move) become text.
    Returns None and leaves the prompt as it was when its list is not one this module knows (another questionary
    than the versions pyproject.toml allows): the prompt then works as questionary made it, with the arrow keys.
    """
    found = _find_list(application)
    tick = _own_binding(application, " ") if several else None
    if found is None or len(found[1].choices) != len(titles) or (several and tick is None):
        return None
    window, control, column, row = found
    # The list's window would otherwise take every row left below it once the terminal has said where the cursor
    # is, putting the line under the list at the bottom of the screen.
    window.dont_extend_height = Always()
    typing = Typing(control, titles, name, tick)
    typed = Condition(lambda: bool(typing.text))
    keys = KeyBindings()

    def add_text(event: KeyPressEvent) -> None:
        key = event.key_sequence[0].key
        if key == Keys.BracketedPaste:
            typing.type(event.data)  # pasted text, its lines joined
        elif not isinstance(key, Keys) and event.data.isprintable():
            typing.type(event.data)

    # An eager Any is called before questionary's own Any (which drops text) and before any binding that is not
    # eager, so that no key edits prompt_toolkit's hidden buffer; only an eager binding of the very key beats it,
    # so the characters questionary binds eagerly are bound here too. The terminal's answer to where the cursor is
    # also comes as a key: it goes on to prompt_toolkit, which otherwise warns after 2 s that the terminal cannot
    # say, and never draws the prompt's validation message.
    keys.add(Keys.Any, eager=True)(add_text)
    for character in _own_characters(application):
        keys.add(character, eager=True)(add_text)
    for binding in load_cpr_bindings().bindings:
        keys.add(*binding.keys, eager=True, save_before=binding.save_before)(binding.handler)
    keys.add(" ", eager=True, filter=typed)(add_text)  # Space ticks in a checkbox only while nothing is typed
    keys.add(Keys.Backspace, eager=True, filter=typed)(lambda event: typing.erase())
    keys.add(Keys.Escape, eager=True, filter=typed)(lambda event: typing.set(""))
    keys.add(Keys.ControlU, eager=True, filter=typed)(lambda event: typing.set(""))
    keys.add(Keys.Enter, eager=True, filter=typed)(typing.enter)
    for key, down in ((Keys.Down, True), (Keys.ControlN, True), (Keys.Up, False), (Keys.ControlP, False)):
        keys.add(key, eager=True, filter=typed)(lambda event, down=down: typing.move(down))

    def forget_ticked(_: object) -> None:
        # Only what the line says: the ticks themselves are questionary's selected_options, which no key but Space
        # and Enter with text typed changes.
        typing.ticked = ()  # said once, until the next key

    application.key_processor.before_key_press += forget_ticked
    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), keys])
    line = Window(FormattedTextControl(typing.line), dont_extend_height=True, wrap_lines=True)
    column.children.insert(row + 1, ConditionalContainer(line, filter=Condition(lambda: typing.showing) & ~is_done))
    return typing


def _find_list(application: Application[Any]) -> tuple[Window, InquirerControl, HSplit, int] | None:
    """questionary's list of options in ``application``'s layout: its window and control, the column holding it and
    its row there (the line under the list goes below it); None when there is none, as in a questionary that
    builds its lists otherwise."""
    try:
        from questionary.prompts.common import InquirerControl
    except ImportError:
        return None
    for column in walk(application.layout.container):
        if isinstance(column, HSplit):
            for row, child in enumerate(column.children):
                for part in walk(child):
                    if isinstance(part, Window) and isinstance(part.content, InquirerControl):
                        return part, part.content, column, row
    return None


def _own_binding(application: Application[Any], key: str) -> Binding | None:
    """The prompt's own binding of exactly ``key`` (a checkbox's Space), if it has one."""
    own = application.key_bindings
    bindings = [binding for binding in own.get_bindings_for_keys((key,)) if binding.keys == (key,)] if own else []
    return bindings[-1] if bindings else None


def _own_characters(application: Application[Any]) -> set[str]:
    """The printable keys other than Space the prompt binds itself (a checkbox's a, i, j, k; shortcuts)."""
    own = application.key_bindings
    keys = [binding.keys for binding in own.bindings] if own else []
    return {key[0] for key in keys if len(key) == 1 and not isinstance(key[0], Keys) and key[0].isprintable()} - {" "}
