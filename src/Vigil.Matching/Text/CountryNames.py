#!/usr/bin/env python3
"""Writes CountryNames.txt, the CLDR country names Vigil resolves country text with.

Reads the territory names of every CLDR locale and the ISO 3166 alpha-3 codes from Debian's unicode-cldr-core
(apt-get install unicode-cldr-core), and prints one line per ISO 3166 alpha-2 code:
code, alpha-3 code, English names (CLDR's own and its short and variant forms), then every other locale's names.
Run from the repository root: python3 src/Vigil.Matching/Text/CountryNames.py > src/Vigil.Matching/Text/CountryNames.txt
"""
import glob
import os
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


def main():
    codes = alpha3_codes()
    english = {code: [] for code in codes}
    others = {code: [] for code in codes}
    locales = sorted(glob.glob(os.path.join(CLDR, "main", "*.xml")))
    for path in locales:
        locale = os.path.basename(path)[:-4]
        target = english if locale == "en" else others
        for code, name in territory_names(path):
            if code in target and name not in target[code] and "|" not in name and "\t" not in name:
                target[code].append(name)
    version = ET.parse(os.path.join(CLDR, "supplemental", "supplementalData.xml")).getroot().find("version").get("cldrVersion")
    print(f"# Country names: the territory names of every Unicode CLDR locale ({len(locales)} locales, CLDR {version}, as Debian")
    print("# package unicode-cldr-core ships it) and the ISO 3166 alpha-3 codes of its supplementalData.xml.")
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
