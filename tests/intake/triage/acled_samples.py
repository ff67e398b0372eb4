"""Tiny ACLED exports in the current schema, for tests that read or train on them."""

# Two usable events: an air strike and a peaceful protest, with their places.
TWO_EVENTS = (
    "event_date,event_type,sub_event_type,country,admin1,admin2,admin3,location,"
    "latitude,longitude,notes,iso3\n"
    '"13 November 2020",Explosions/Remote violence,Air/drone strike,Burkina Faso,Sahel,'
    'Oudalan,Tin-Akoff,Tin-Akoff,14.9655,-0.1634,"Airstrikes near Tin-Akoff.",BFA\n'
    '"12 November 2020",Protests,Peaceful protest,Burkina Faso,Centre,Kadiogo,Ouagadougou,'
    'Ouagadougou,12.37,-1.52,"A sit-in in Ouagadougou.",BFA\n'
)
