#!/usr/bin/env bash
# Rebuild data/catalog.json, the sample catalog, with real seasontrack commands.
#
#   data/build-sample.sh [DB]
#
# DB is the scratch catalog to build in (it must not exist yet); without it a temporary one is
# used and removed afterwards. SEASONTRACK names the command (default: seasontrack on PATH).
# Where each fact comes from is in data/README.md.
set -euo pipefail

st="${SEASONTRACK:-seasontrack}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/catalog.json"

if [[ $# -ge 1 ]]; then
    db="$1"
    if [[ -e "$db" ]]; then
        echo "build-sample.sh: $db already exists; give a new file (or none for a temporary one)" >&2
        exit 2
    fi
else
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    db="$tmp/sample.db"
fi
export SEASONTRACK_DB="$db"

# ------------------------------------------------------------------ Jessica Jones
# Season 2 facts: The Daily Dot article (shared/seeds/000_58627ce974481952.txt).
# Season 1 dates and episode count: TVmaze (shared/providers/tvmaze/singlesearch-...json).
# Season 3 and the show's end: the sources added below.
jj="Jessica Jones"
dailydot="https://www.dailydot.com/parsec/jessica-jones-season-2-netflix-trailer-release-date-villain/"

"$st" show add "$jj" --alias "Marvel's Jessica Jones" --network Netflix --country US \
    --status ended \
    --summary "Marvel series on Netflix about Jessica Jones, a former superhero turned private investigator who runs Alias Investigations in Hell's Kitchen, New York. It ended with its third season in 2019."

"$st" season add "$jj" 1 --premiere "November 20, 2015" --episodes 13 --release all-at-once
"$st" season add "$jj" 2 --premiere "March 8, 2018" --episodes 13 --release all-at-once \
    --time 00:01 --tz America/Los_Angeles \
    --synopsis "New York City private investigator Jessica Jones (Krysten Ritter) is beginning to put her life back together after murdering her tormenter, Kilgrave. Now known throughout the city as a super-powered killer, a new case makes her reluctantly confront who she really is while digging deeper into her past to explore the reasons why." \
    --note "All 13 episodes directed by women"
"$st" season add "$jj" 3 --premiere "June 14, 2019" --episodes 13 --release all-at-once \
    --note "The final season"

# Season 1 cast (well known; not from the article).
"$st" cast add "$jj" "Krysten Ritter" --as "Jessica Jones" --season 1 --billing 1
"$st" cast add "$jj" "Rachael Taylor" --as "Trish Walker" --season 1
"$st" cast add "$jj" "David Tennant" --as "Kilgrave" --season 1
"$st" cast add "$jj" "Mike Colter" --as "Luke Cage" --season 1
"$st" cast add "$jj" "Carrie-Anne Moss" --as "Jeri Hogarth" --season 1
"$st" cast add "$jj" "Eka Darville" --as "Malcolm Ducasse" --season 1

# Season 2 cast, as the article reports it.
"$st" cast add "$jj" "Krysten Ritter" --as "Jessica Jones" --season 2 --returning --billing 1
"$st" cast add "$jj" "Rachael Taylor" --as "Trish Walker" --season 2 --returning
"$st" cast add "$jj" "Janet McTeer" --season 2 --new \
    --note "Undisclosed character who will have an enormous impact on Jessica's life (Entertainment Weekly, quoted by The Daily Dot)"
"$st" cast add "$jj" "David Tennant" --as "Kilgrave" --season 2 --returning \
    --note "Confirmed to return although Kilgrave died at the end of season 1"
"$st" cast add "$jj" "Carrie-Anne Moss" --as "Jeri Hogarth" --season 2 --returning --rumoured \
    --note "The Daily Dot: her return is likely"

"$st" crew add "$jj" "Melissa Rosenberg" --job showrunner
"$st" crew add "$jj" "Raelle Tucker" --job writer --job producer --season 2

"$st" trailer add "$jj" --season 2 --kind trailer --publisher Netflix --published "Dec 9, 2017" \
    --note "Set to Heart's “Barracuda”; released with the announcement of the March 8, 2018 date"

"$st" source add "$jj" "$dailydot" --season 2 --outlet "The Daily Dot" \
    --title "‘Jessica Jones’ offers gritty, intense trailer for season 2" --published "Mar 5, 2017"
"$st" source add "$jj" "http://www.tvmaze.com/shows/1370/marvels-jessica-jones" --season 1 \
    --outlet TVmaze --title "Marvel's Jessica Jones"
"$st" source add "$jj" "http://collider.com/jessica-jones-season-3-premiere-date-teaser-images/" \
    --season 3 --outlet Collider --published "May 28, 2019"
"$st" source add "$jj" "https://www.cheatsheet.com/entertainment/when-is-jessica-jones-season-3-coming-to-netflix.html/" \
    --season 3 --title "When Is ‘Jessica Jones’ Season 3 Coming to Netflix?"

# ------------------------------------------------------------------ Game of Thrones
# Everything here: TVmaze show 82 (shared/providers/tvmaze/shows-82-embed-cast-seasons-images-crew.json).
got="Game of Thrones"
"$st" show add "$got" --network HBO --country US --status ended \
    --summary "HBO fantasy drama based on George R. R. Martin's A Song of Ice and Fire novels. Data from TVmaze (https://www.tvmaze.com), CC BY-SA."

got_season() { # number premiere finale episodes
    "$st" season add "$got" "$1" --premiere "$2" --finale "$3" --episodes "$4" \
        --release weekly --time 21:00 --tz America/New_York
}
got_season 1 2011-04-17 2011-06-19 10
got_season 2 2012-04-01 2012-06-03 10
got_season 3 2013-03-31 2013-06-09 10
got_season 4 2014-04-06 2014-06-15 10
got_season 5 2015-04-12 2015-06-14 10
got_season 6 2016-04-24 2016-06-26 10
got_season 7 2017-07-16 2017-08-27 7
got_season 8 2019-04-14 2019-05-19 6

# The first six of TVmaze's cast list, in its order; characters as TVmaze names them.
"$st" cast add "$got" "Peter Dinklage" --as "Tyrion Lannister" --billing 1
"$st" cast add "$got" "Kit Harington" --as "Jon Snow" --billing 2
"$st" cast add "$got" "Lena Headey" --as "Queen Cersei Lannister" --billing 3
"$st" cast add "$got" "Emilia Clarke" --as "Daenerys Targaryen" --billing 4
"$st" cast add "$got" "Sophie Turner" --as "Sansa Stark" --billing 5
"$st" cast add "$got" "Maisie Williams" --as "Arya Stark" --billing 6

"$st" crew add "$got" "David Benioff" --job creator --job "executive producer"
"$st" crew add "$got" "D.B. Weiss" --job creator --job "executive producer"

"$st" source add "$got" "http://www.tvmaze.com/shows/82/game-of-thrones" --outlet TVmaze \
    --title "Game of Thrones"

# ------------------------------------------------------------------ Stranger Things
stt="Stranger Things"
"$st" show add "$stt" --network Netflix --country US --status ended \
    --summary "Netflix science-fiction horror series created by Matt and Ross Duffer, set in Hawkins, Indiana in the 1980s. It ended with its fifth season on December 31, 2025."

"$st" season add "$stt" 1 --premiere "July 15, 2016" --episodes 8 --release all-at-once
"$st" season add "$stt" 2 --premiere "October 27, 2017" --episodes 9 --release all-at-once
"$st" season add "$stt" 3 --premiere "July 4, 2019" --episodes 8 --release all-at-once
# Seasons 4 and 5 came out in parts, each part all at once; season 5's at 5 p.m. PT.
"$st" season add "$stt" 4 --premiere "May 27, 2022" --finale "July 1, 2022" --episodes 9
"$st" part add "$stt" 4 1 --episodes 1-7 --premiere "May 27, 2022" --title "Volume 1"
"$st" part add "$stt" 4 2 --episodes 8-9 --premiere "July 1, 2022" --title "Volume 2"
"$st" season add "$stt" 5 --premiere "November 26, 2025" --finale "December 31, 2025" --episodes 8 \
    --time 17:00 --tz America/Los_Angeles --note "The final season"
"$st" part add "$stt" 5 1 --episodes 1-4 --premiere "November 26, 2025" --title "Volume 1"
"$st" part add "$stt" 5 2 --episodes 5-7 --premiere "December 25, 2025" --title "Volume 2"
"$st" part add "$stt" 5 3 --episodes 8 --premiere "December 31, 2025" --title "The Finale"

"$st" cast add "$stt" "Winona Ryder" --as "Joyce Byers" --billing 1
"$st" cast add "$stt" "David Harbour" --as "Jim Hopper" --billing 2
"$st" cast add "$stt" "Millie Bobby Brown" --as "Eleven"
"$st" cast add "$stt" "Finn Wolfhard" --as "Mike Wheeler"

"$st" crew add "$stt" "Matt Duffer" --job creator --job showrunner
"$st" crew add "$stt" "Ross Duffer" --job creator --job showrunner

"$st" source add "$stt" "http://variety.com/2017/tv/news/stranger-things-premiere-date-october-27-netflix-1202491839/" \
    --season 2 --outlet Variety --published "July 11, 2017" \
    --title "Netflix Sets Oct. 27 Premiere Date for ‘Stranger Things 2’"
"$st" source add "$stt" "https://kvia.com/entertainment/cnn-entertainment/2025/05/31/netflix-announces-premiere-dates-plural-for-the-final-season-of-stranger-things/" \
    --season 5 --outlet "CNN (via KVIA)" --published "May 31, 2025"
"$st" source add "$stt" "https://www.primetimer.com/features/stranger-things-season-5-episode-guide-and-complete-release-schedule-what-days-do-the-new-episodes-drop" \
    --season 5 --outlet Primetimer

# ------------------------------------------------------------------ Daredevil
dd="Daredevil"
"$st" show add "$dd" --alias "Marvel's Daredevil" --network Netflix --country US --status cancelled \
    --summary "Marvel series on Netflix about Matt Murdock, a blind lawyer in Hell's Kitchen who fights crime as the vigilante Daredevil. Netflix cancelled it in November 2018, after three seasons."

"$st" season add "$dd" 1 --premiere "April 10, 2015" --episodes 13 --release all-at-once
"$st" season add "$dd" 2 --premiere "March 18, 2016" --episodes 13 --release all-at-once
"$st" season add "$dd" 3 --premiere "October 19, 2018" --episodes 13 --release all-at-once

"$st" cast add "$dd" "Charlie Cox" --as "Matt Murdock" --billing 1
"$st" cast add "$dd" "Deborah Ann Woll" --as "Karen Page"
"$st" cast add "$dd" "Elden Henson" --as "Foggy Nelson"
"$st" cast add "$dd" "Vincent D'Onofrio" --as "Wilson Fisk"
"$st" cast add "$dd" "Jon Bernthal" --as "Frank Castle" --season 2 --new
"$st" cast add "$dd" "Élodie Yung" --as "Elektra Natchios" --season 2 --new

"$st" crew add "$dd" "Drew Goddard" --job creator
"$st" crew add "$dd" "Steven S. DeKnight" --job showrunner --season 1
"$st" crew add "$dd" "Douglas Petrie" --job showrunner --season 2
"$st" crew add "$dd" "Marco Ramirez" --job showrunner --season 2
"$st" crew add "$dd" "Erik Oleson" --job showrunner --season 3

"$st" source add "$dd" "https://www.fuse.tv/2016/03/daredevil-season-2-complete-guide" \
    --season 2 --outlet Fuse --published "March 15, 2016" \
    --title "The Complete Guide to 'Daredevil' Season 2"
"$st" source add "$dd" "https://www.tomsguide.com/us/daredevil-season-3-release-date-reviews,news-28308.html" \
    --season 3 --outlet "Tom's Guide" --title "Daredevil Season 3: Release date, reviews, trailer and more"
"$st" source add "$dd" "https://www.mercurynews.com/2018/11/30/netflix-axes-marvels-daredevil-angry-fans-launch-rescue-mission/" \
    --outlet "The Mercury News" --published "November 30, 2018"

# ------------------------------------------------------------------ The Defenders
def="The Defenders"
"$st" show add "$def" --alias "Marvel's The Defenders" --network Netflix --country US --status ended \
    --summary "Marvel miniseries on Netflix that teams up Daredevil, Jessica Jones, Luke Cage and Iron Fist against the Hand in New York."

"$st" season add "$def" 1 --premiere "August 18, 2017" --episodes 8 --release all-at-once

"$st" cast add "$def" "Charlie Cox" --as "Matt Murdock"
"$st" cast add "$def" "Krysten Ritter" --as "Jessica Jones"
"$st" cast add "$def" "Mike Colter" --as "Luke Cage"
"$st" cast add "$def" "Finn Jones" --as "Danny Rand"
"$st" cast add "$def" "Sigourney Weaver" --as "Alexandra"

"$st" crew add "$def" "Douglas Petrie" --job creator
"$st" crew add "$def" "Marco Ramirez" --job creator

"$st" source add "$def" "http://www.thisisinsider.com/what-to-know-before-you-watch-the-defenders-2017-8?op=1" \
    --season 1 --outlet Insider --published "August 2, 2017"

# ------------------------------------------------------------------ The Last of Us
# Season 3 is the imprecise one: HBO has only said 2027.
tlou="The Last of Us"
"$st" show add "$tlou" --network HBO --country US --status returning \
    --summary "HBO drama created by Craig Mazin and Neil Druckmann from the Naughty Dog video games, set two decades after a fungal pandemic."

"$st" season add "$tlou" 1 --premiere "January 15, 2023" --finale "March 12, 2023" --episodes 9 \
    --release weekly --time 21:00 --tz America/New_York \
    --note "Episode 5 came out early, on Friday, February 10, 2023 (Super Bowl weekend)"
"$st" season add "$tlou" 2 --premiere "April 13, 2025" --finale "May 25, 2025" --episodes 7 \
    --release weekly --time 21:00 --tz America/New_York
"$st" season add "$tlou" 3 --premiere 2027 \
    --note "Renewed by HBO in April 2025, before season 2 premiered; HBO chief Casey Bloys said in July 2025 that it is planned for 2027. No exact date was known when this sample was compiled."

"$st" cast add "$tlou" "Pedro Pascal" --as "Joel Miller" --billing 1
"$st" cast add "$tlou" "Bella Ramsey" --as "Ellie" --billing 2
"$st" cast add "$tlou" "Kaitlyn Dever" --as "Abby" --season 2 --new
"$st" cast add "$tlou" "Isabela Merced" --as "Dina" --season 2 --new

"$st" crew add "$tlou" "Craig Mazin" --job creator --job showrunner
"$st" crew add "$tlou" "Neil Druckmann" --job creator \
    --note "Stepped away from the show in July 2025, before work on season 3 began"

"$st" source add "$tlou" "https://popculture.com/tv-shows/news/hbo-renews-the-last-of-us-for-season-3/" \
    --season 3 --outlet PopCulture.com --published "April 9, 2025"
"$st" source add "$tlou" "https://www.geo.tv/latest/615033-hbo-executive-unveils-release-date-of-the-last-of-us-season-3" \
    --season 3 --outlet "Geo News" \
    --title "HBO executive unveils release date of 'The Last of Us' season 3"

# ------------------------------------------------------------------ export
"$st" export -o "$out"
echo "Wrote $out"
