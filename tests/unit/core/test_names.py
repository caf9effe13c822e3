"""People's names (`core/names.py`): how they split, sort and break over lines."""

from __future__ import annotations

import pytest

from desktop.core.names import binds, name_key, name_units, split_name, surname_key


def test_a_name_key_ignores_accents_case_and_spaces() -> None:
    assert name_key("  ŁUKASZ   Wójcik ") == name_key("lukasz wojcik") == "lukasz wojcik"
    assert name_key("Ùisdean") == "uisdean" and name_key("Strauß") == "strauss"


@pytest.mark.parametrize(
    ("name", "given", "surname", "key"),
    [
        (
            "Róisín Mac Giolla Phádraig",
            "Róisín",
            "Mac Giolla Phádraig",
            "mac giolla phadraig roisin",
        ),
        ("Mòrag NicLeòid", "Mòrag", "NicLeòid", "nicleoid morag"),
        ("Siobhán Ní Bhriain", "Siobhán", "Ní Bhriain", "ni bhriain siobhan"),
        ("Siobhán Ni Bhriain", "Siobhán", "Ni Bhriain", "ni bhriain siobhan"),  # no fada
        ("Seán Ó Súilleabháin", "Seán", "Ó Súilleabháin", "o suilleabhain sean"),
        ("Máire Bean Uí Dhónaill", "Máire", "Bean Uí Dhónaill", "bean ui dhonaill maire"),
        ("Eoin Mhic Aoidh", "Eoin", "Mhic Aoidh", "mhic aoidh eoin"),
        ("Agnieszka Kowalczyk", "Agnieszka", "Kowalczyk", "kowalczyk agnieszka"),
        ("Łukasz Żółkiewski", "Łukasz", "Żółkiewski", "zolkiewski lukasz"),
        ("Anna Maria Wiśniewska", "Anna Maria", "Wiśniewska", "wisniewska anna maria"),
        ("Pieter van der Berg", "Pieter", "van der Berg", "van der berg pieter"),
        ("Ludwig von Mises", "Ludwig", "von Mises", "von mises ludwig"),
        ("Anna de la Cruz", "Anna", "de la Cruz", "de la cruz anna"),
        ("Ian St John", "Ian", "St John", "st john ian"),
        ("Liam O'Neill", "Liam", "O'Neill", "oneill liam"),
        ("Seán O' Brien", "Seán", "O' Brien", "obrien sean"),
        ("Rowan Bean", "Rowan", "Bean", "bean rowan"),  # a particle never ends a name
        ("Le Thi Hoa", "Le Thi", "Hoa", "hoa le thi"),  # nor starts one
        ("Cher", "", "Cher", "cher"),
        ("  Ailsa   Grant ", "Ailsa", "Grant", "grant ailsa"),
        ("", "", "", ""),
    ],
)
def test_a_name_splits_into_given_names_and_surname(
    name: str, given: str, surname: str, key: str
) -> None:
    assert split_name(name) == (given, surname)
    assert surname_key(name) == key


def test_a_delegate_list_sorts_by_surname_accents_and_case_ignored() -> None:
    names = [
        "Agnieszka Kowalczyk",
        "Zofia Nowak",
        "Łukasz Żółkiewski",
        "Mòrag NicLeòid",
        "Siobhán Ní Bhriain",
        "Róisín Mac Giolla Phádraig",
        "Calum MacLeod",
        "Ùisdean Mac an tSaoi",
        "Cher",
        "eilidh campbell",
        "Seán Ó Súilleabháin",
        "Liam O'Neill",
    ]
    assert sorted(names, key=surname_key) == [
        "eilidh campbell",
        "Cher",
        "Agnieszka Kowalczyk",
        "Ùisdean Mac an tSaoi",
        "Róisín Mac Giolla Phádraig",
        "Calum MacLeod",
        "Siobhán Ní Bhriain",
        "Mòrag NicLeòid",
        "Zofia Nowak",
        "Seán Ó Súilleabháin",
        "Liam O'Neill",
        "Łukasz Żółkiewski",
    ]
    # The letter a name files under: its surname's, Ł under Z for Żółkiewski, Ó under O.
    assert [surname_key(n)[:1].upper() for n in names[:6]] == ["K", "N", "Z", "N", "N", "M"]


def test_particles_keep_company_with_the_word_after_them() -> None:
    assert name_units("Róisín Mac Giolla Phádraig") == ["Róisín", "Mac Giolla", "Phádraig"]
    assert name_units("Mairead Nic a' Phearsain") == ["Mairead", "Nic a' Phearsain"]
    assert name_units("Anna van der Berg") == ["Anna", "van der Berg"]
    assert name_units("Łukasz Wójcik") == ["Łukasz", "Wójcik"]
    assert name_units("Cher") == ["Cher"] and name_units("") == []
    assert binds("Mac-") and binds("O’") and binds("NÍ") and not binds("Macleod")
