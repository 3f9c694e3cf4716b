#!/usr/bin/env python3
"""Writes CountryNames.txt, the CLDR country names Vigil resolves country text with.

Reads the territory names of every CLDR locale of basic coverage or better and the ISO 3166 alpha-3 codes from Debian's unicode-cldr-core
(apt-get install unicode-cldr-core), and prints one line per ISO 3166 alpha-2 code:
code, alpha-3 code, English names (CLDR's own and its short and variant forms), then every other locale's names.
Run from the repository root: python3 src/Vigil.Matching/Text/CountryNames.py > src/Vigil.Matching/Text/CountryNames.txt
"""
import glob
import os
import re
import xml.etree.ElementTree as ET

CLDR = "/usr/share/unicode/cldr/common"
# Codes CLDR gives that are not countries: unknown region, EU, eurozone, UN, outlying Oceania, pseudo-regions.
NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}


def alpha3_codes():
    root = ET.parse(os.path.join(CLDR, "supplemental", "supplementalData.xml")).getroot()
    codes = {}
    for element in root.iter("territoryCodes"):
        code, alpha3 = element.get("type"), element.get("alpha3")
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES and alpha3:
            codes[code] = alpha3
    return codes


def territory_names(path):
    root = ET.parse(path).getroot()
    for element in root.iterfind("./localeDisplayNames/territories/territory"):
        if element.text and element.text.strip():
            yield element.get("type"), element.text.strip()


def covered_locales():
    """The locales CLDR itself rates basic, moderate or modern: the others name countries in too few words to matter."""
    covered = set()
    with open(os.path.join(CLDR, "properties", "coverageLevels.txt"), encoding="utf-8") as levels:
        for line in levels:
            if line.strip() and not line.startswith("#"):
                covered.add(line.split(";")[0].strip())
    return covered


def main():
    codes = alpha3_codes()
    covered = covered_locales()
    english = {code: [] for code in codes}
    others = {code: [] for code in codes}
    # A covered locale and its regional variants: ar and ar_EG, uz_Cyrl and uz_Cyrl_UZ.
    locales = sorted(path for path in glob.glob(os.path.join(CLDR, "main", "*.xml"))
                     if any(os.path.basename(path)[:-4] == c or os.path.basename(path).startswith(c + "_") for c in covered))
    for path in locales:
        locale = os.path.basename(path)[:-4]
        target = english if locale == "en" else others
        for code, name in territory_names(path):
            if code in target and name not in target[code] and "|" not in name and "\t" not in name:
                target[code].append(name)
    # The version is fixed in the DTD (<!ATTLIST version cldrVersion CDATA #FIXED "41" >), not written in the data.
    with open(os.path.join(CLDR, "dtd", "ldmlSupplemental.dtd"), encoding="utf-8") as dtd:
        version = re.search(r'cldrVersion CDATA #FIXED "([^"]+)"', dtd.read()).group(1)
    print(f"# Country names: the territory names of the Unicode CLDR locales of basic coverage or better ({len(locales)} locales,")
    print(f"# CLDR {version}, as Debian package unicode-cldr-core ships it) and the ISO 3166 alpha-3 codes of its supplementalData.xml.")
    print("# Unicode data files are used under the Unicode License: https://www.unicode.org/terms_of_use.html")
    print("# Regenerate: apt-get install unicode-cldr-core, then from the repository root")
    print("# python3 src/Vigil.Matching/Text/CountryNames.py > src/Vigil.Matching/Text/CountryNames.txt")
    print("# One line per country: alpha-2 code, alpha-3 code, English names, other locales' names; names separated by |.")
    for code in sorted(codes):
        if not english[code]:
            # No English name: a reserved or withdrawn code (AA, QM-QZ, XA-XZ, YU...), not a country CLDR names.
            continue
        others_only = [n for n in others[code] if n not in english[code]]
        print("\t".join([code, codes[code], "|".join(english[code]), "|".join(others_only)]))


main()
