/*
 * Words that health-practice hashtags are made of, to split "#flushotclinic" into Flu Shot Clinic.
 * Kept small on purpose: a hashtag is only reported when all of it splits into these words, so a
 * missing word means a hashtag is not reported, never a wrong report. Short words that would split
 * many single words ("in", "age", "not": "in+form", "man+age", "not+ice") are left out.
 */
const WORDS = `
about access acne act action active activity addiction adult adults advice after aging aids air alcohol all allergy
allergies alzheimers ambulance amazing annual answer anxiety appointment april arm arthritis ask asthma august autism
awareness baby babies back bad balance bear beat beauty bed bedtime before being best better big bike birth birthday
black blood blue body bone bones booster boost brain bread breakfast breast breastfeeding breath breathe breathing bring
brush budget build bump burn burnout busy call calm cancer cancers cardio care career caregiver caregivers caring cause
center change check checkup checkups chest child childhood children choice choose cholesterol city clean clinic clinics
close cold colds come community control cook cool cope coping cost cough count county covid cpr crisis cure daily dad
dance day days december dental depression diabetes diet dinner disease doc doctor doctors donate donor donors dont drink
drive drug drugs dry early eat eating eczema education elder emergency energy every everyday everyone exam exercise eye
eyes face fact facts fair fall falls family fast father fear february feel feeling fever fight first fit fitness flu
focus food foods foot for forward free fresh friday friend friends from fruit fun future gene get gift gifts girl give
giving glaucoma goal goals good grand great green grief group grow guide gut habit habits hair hand hands happy have
head headache heal healing health healthcare healthy hear hearing heart heartburn heat help helping hepatitis here hero
heroes hiv holiday holidays home hope hospital hour hours how hpv hug hunger hydrate hydration illness immune immunity
immunization important info inside january joint joy july june just keep kid kidney kids kind know lab labs learn life
lifestyle light like link listen live liver living local long love lower lung lungs make mammogram march meal meals
medical medicare medicine meds meet mental mind mindful mindfulness minute minutes mom monday month mood more morning
mother move movement my national need new news night nonprofit november now number numbers nurse nurses nursing
nutrition october office old older one online open oral outside pain parent parenting parents patient patients peace
pediatric pediatrics people person pharmacy physical pink plan plate play portal power practice pregnancy pregnant prep
prevent prevention primary protect proud public quit ready real recovery red relief rest ride right risk run safe safety
sanitizer saturday save school screen screening screenings season seasonal self senior seniors september shot shots sick
sign signs skin sleep small smile smoke smoking social sore spring staff start stay step steps stop strong stress stroke
student students substance sugar suicide summer sun sunday sunscreen support sweat take talk team teen teens teeth
telehealth telemedicine test testing thank thanks therapy thursday time tip tips tired today together tooth toy toys
travel treat treatment tuesday vaccinate vaccinated vaccination vaccine vaccines visit visits vision vitamin wait walk
walking want warm wash washing water wear wednesday week weekend weight well wellbeing wellness what when who whole why
winter with woman women work workout workplace world worry year yearly years yoga you young your youth become forgive
homework income inpatient into itself lifeline myself nobody onto outcome outpatient overall overcome themselves tonight
within yourself
`;

// Single words that split into listed ones: they stay whole.
const SINGLE_WORDS = `
afterbirth aftercare airsick backbone bedsore bedsores bestride bloodshot bodywork busybody callus carefree childbirth
childcare childlike daylight daytime eldercare everybody eyesore firsthand footwear foraging forget forgiving goodnight
grandchild grandchildren granddad grandfather grandfathers grandmother grandmothers grandparent grandparents hairbrush
headfirst headlight headlights heartbeat heartbeats heartsick heatstroke homebody homesick kindred lifeblood lifelong lifetime
lightweight lovesick mealtime mealtimes nightlife nighttime nowhere oneself pinkeye redhead redone schoolchildren schoolwork
sickbed sleepwalk sleepwalking springtime stepchild stepchildren stepdad stepfather stepmom stepmother stepparent stepparents
summertime sunburn sunburns sundry sunlight sunstroke teamwork thanksgiving toothbrush weekday weekdays weeknight weeknights
wintertime workday workdays workweek fittest forbear birthdays backbones breastbone breastbones footstep footsteps
girlfriend girlfriends comeback longtime screenshot screenshots sleepwear waterfall waterfalls schooldays homered
`;

/** Said letter by letter, or written in capitals, inside a suggested hashtag: #WorldAIDSDay. */
export const ACRONYMS: ReadonlySet<string> = new Set(['aids', 'hiv', 'hpv', 'covid', 'cpr', 'adhd', 'ptsd', 'copd', 'rsv', 'bmi', 'cdc', 'icu', 'er', 'sti', 'uti', 'tb', 'mri']);

export const HASHTAG_WORDS: ReadonlySet<string> = new Set([...`${WORDS} ${SINGLE_WORDS}`.split(/\s+/).filter(Boolean), ...[...ACRONYMS].filter((a) => a.length > 2)]);
