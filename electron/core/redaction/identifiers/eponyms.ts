/**
 * Eponyms and device brands: a capitalised word right before one of these words ("Blake drains",
 * "Scarpa's fascia", "Mayfield headrest", "Morton's neuroma") names a thing, not a person or place.
 */
const FOLLOWERS =
  "sign|disease|syndrome|palsy|catheters?|clamps?|retractors?|scissors|forceps|procedure|maneuver|manoeuvre|test|drains?|incision|position|score|scale|classification|fracture|criteria|stain|sutures?|needles?|tubes?|chest\\s+(?:tubes?|drains?)|reflex|elevators?|technique|operation|repair|ulcer|graft|stand|hernia|node|nodes|lymphoma|sarcoma|tumor|cyst|diverticulum|esophagus|bag|pouch|line|filter|stockings?|hose|boot|splint|brace|frame|table|dressing|gauze|pump|valve|shunt|phenomenon|law|ratio|criterion|type|fascia|space|angle|triangle|canal|duct|gland|ligament|muscle|nerve|artery|vein|body|bodies|cell|cells|balloon|blade|bur|knot|stitch|approach|method|protocol|regimen|index|curve|lesion|nodule|spot|spots|jaundice|anemia|sclerosis|dystrophy|dilators?|probes?|pins|headrest|head\\s+holder|osteotomy|bunionectomy|neuroma|layer|pressures?|dissectors?|drill|instrumentation|arch\\s+bars|implants?|component|shell|rongeurs?|curettes?|plates?|screws?|wires?|cannula|trocar|sheath|stent|electrodes?|pessary|speculum|tenaculum|diet";
/** After a name candidate's last token: the eponym follower, with an optional possessive. */
export const EPONYM_AFTER = new RegExp(String.raw`^(?:'s|’s|s)?[\s-]+(?:${FOLLOWERS})\b`, 'i');
/** Device and anatomy words that are never part of a name (CATHETER in "ROBINSON CATHETER"); no surnames here (Law, Stand, Frame). */
export const EPONYM_WORD = /^(?:catheters?|clamps?|retractors?|forceps|drains?|dilators?|probes?|osteotomy|neuroma|fascia|dissectors?|instrumentation|aneurysms?|bifurcation|stenosis|syndrome|disease|maneuver|implants?|electrodes?|sheath|stent|cannula|trocar|speculum|tenaculum|rongeurs?|curettes?|headrest)$/i;
