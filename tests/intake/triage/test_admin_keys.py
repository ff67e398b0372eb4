from __future__ import annotations

from tocsin.intake.triage.admin_keys import admin_key


def test_admin_key_drops_designators_and_elided_articles() -> None:
    assert admin_key("Province de l'Oudalan") == admin_key("Oudalan") == "oudalan"
    assert admin_key("Kadiogo Province") == "kadiogo"
    assert admin_key("Muhafazat Shamal Sina'") == admin_key("Shamal Sina")
    assert admin_key("Aj Jazirah") == admin_key("Al Jazirah") == "jazirah"
    assert admin_key("Province") == "province"  # a name made only of designators stays
    # The post-Soviet words for district and region (GeoNames: "Aghjabadi Rayon").
    assert admin_key("Aghjabadi Rayon") == admin_key("Aghjabadi") == "aghjabadi"
    assert admin_key("Donetsk Oblast") == "donetsk" and admin_key("Xocavand Rayonu") == "xocavand"
    # An opening title, abbreviated or spelt out (the P-code file's "Mt. Elgon" in Kenya).
    assert admin_key("Mt. Elgon") == admin_key("Mount Elgon") == "mount elgon"
    assert admin_key("St. George's") == admin_key("Saint George's")
    assert admin_key("St") == "st" and admin_key("Mtwara") == "mtwara"
