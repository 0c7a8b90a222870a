<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttributesPanel</name>
    <message numerus="yes">
        <source>{attribute}: {accuracy}, from %n images</source>
        <translation>
            <numerusform>{attribute}: {accuracy}, from %n image</numerusform>
            <numerusform>{attribute}: {accuracy}, from %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchCharts</name>
    <message numerus="yes">
        <source>{note} Not shown: %n model(s) without accuracy or speed.</source>
        <translation>
            <numerusform>{note} Not shown: %n model without accuracy or speed.</numerusform>
            <numerusform>{note} Not shown: %n models without accuracy or speed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchText</name>
    <message numerus="yes">
        <source>{device} · {precision} · %n threads · batch N = {batch} · {repeats} timed runs at batch 1 · forward pass only (no decoding)</source>
        <translation>
            <numerusform>{device} · {precision} · %n thread · batch N = {batch} · {repeats} timed runs at batch 1 · forward pass only (no decoding)</numerusform>
            <numerusform>{device} · {precision} · %n threads · batch N = {batch} · {repeats} timed runs at batch 1 · forward pass only (no decoding)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{top} ({acc}) is not reliably more accurate than {names}: on a %n-image validation set differences up to about {margin} points are noise; treat them as equally accurate and choose by speed and size.</source>
        <translation>
            <numerusform>{top} ({acc}) is not reliably more accurate than {names}: on a %n-image validation set differences up to about {margin} points are noise; treat them as equally accurate and choose by speed and size.</numerusform>
            <numerusform>{top} ({acc}) is not reliably more accurate than {names}: on a %n-image validation set differences up to about {margin} points are noise; treat them as equally accurate and choose by speed and size.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchmarkPage</name>
    <message numerus="yes">
        <source>Other programs kept the CPU busy during the measurement (load {load} on %n threads): timings are noisy; run again when the computer is idle.</source>
        <translation>
            <numerusform>Other programs kept the CPU busy during the measurement (load {load} on %n thread): timings are noisy; run again when the computer is idle.</numerusform>
            <numerusform>Other programs kept the CPU busy during the measurement (load {load} on %n threads): timings are noisy; run again when the computer is idle.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Measured %n model(s)</source>
        <translation>
            <numerusform>Measured %n model</numerusform>
            <numerusform>Measured %n models</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n charts to {folder}</source>
        <translation>
            <numerusform>Saved %n chart to {folder}</numerusform>
            <numerusform>Saved %n charts to {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClustersPage</name>
    <message numerus="yes">
        <source>%n images · new character?</source>
        <translation>
            <numerusform>%n image · new character?</numerusform>
            <numerusform>%n images · new character?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images · looks like {character}</source>
        <translation>
            <numerusform>%n image · looks like {character}</numerusform>
            <numerusform>%n images · looks like {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown images: {groups} groups, largest first; {left} fit no group</source>
        <translation>
            <numerusform>%n unknown image: {groups} groups, largest first; {left} fit no group</numerusform>
            <numerusform>%n unknown images: {groups} groups, largest first; {left} fit no group</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled images: {groups} groups, largest first; {left} fit no group</source>
        <translation>
            <numerusform>%n unlabelled image: {groups} groups, largest first; {left} fit no group</numerusform>
            <numerusform>%n unlabelled images: {groups} groups, largest first; {left} fit no group</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n images as {character}. Retrain to teach the model the new character.</source>
        <translation>
            <numerusform>Labelled %n image as {character}. Retrain to teach the model the new character.</numerusform>
            <numerusform>Labelled %n images as {character}. Retrain to teach the model the new character.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfusionModel</name>
    <message numerus="yes">
        <source>%n validation image(s) of {name}: {verdict} ({share})</source>
        <translation>
            <numerusform>%n validation image of {name}: {verdict} ({share})</numerusform>
            <numerusform>%n validation images of {name}: {verdict} ({share})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationExport</name>
    <message numerus="yes">
        <source>Wrote {path} with %n classes</source>
        <translation>
            <numerusform>Wrote {path} with %n class</numerusform>
            <numerusform>Wrote {path} with %n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n labelled images to {path}</source>
        <translation>
            <numerusform>Wrote %n labelled image to {path}</numerusform>
            <numerusform>Wrote %n labelled images to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n images into {folder}</source>
        <translation>
            <numerusform>Copied %n image into {folder}</numerusform>
            <numerusform>Copied %n images into {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n XMP sidecars ({unchanged} unchanged) beside {images} labelled images</source>
        <translation>
            <numerusform>Wrote %n XMP sidecar ({unchanged} unchanged) beside {images} labelled images</numerusform>
            <numerusform>Wrote %n XMP sidecars ({unchanged} unchanged) beside {images} labelled images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{text}; %n left alone, e.g. {path}: {reason}</source>
        <translation>
            <numerusform>{text}; %n left alone, e.g. {path}: {reason}</numerusform>
            <numerusform>{text}; %n left alone, e.g. {path}: {reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n caption files into {folder}</source>
        <translation>
            <numerusform>Wrote %n caption file into {folder}</numerusform>
            <numerusform>Wrote %n caption files into {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailBoxes</name>
    <message numerus="yes">
        <source>%n face(s) found, {unnamed} not named yet (dashed)</source>
        <translation>
            <numerusform>%n face found, {unnamed} not named yet (dashed)</numerusform>
            <numerusform>%n faces found, {unnamed} not named yet (dashed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message numerus="yes">
        <source>%n images · {kinds} · {who}</source>
        <translation>
            <numerusform>%n image · {kinds} · {who}</numerusform>
            <numerusform>%n images · {kinds} · {who}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images compared in {seconds} s: {groups} groups holding {images} images</source>
        <translation>
            <numerusform>%n image compared in {seconds} s: {groups} groups holding {images} images</numerusform>
            <numerusform>%n images compared in {seconds} s: {groups} groups holding {images} images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the other %n image(s) of this group from the library? The files stay on disk; this cannot be undone.</source>
        <translation>
            <numerusform>Remove the other %n image of this group from the library? The files stay on disk; this cannot be undone.</numerusform>
            <numerusform>Remove the other %n images of this group from the library? The files stay on disk; this cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n duplicate(s); it is labelled {character} now</source>
        <translation>
            <numerusform>Removed %n duplicate; it is labelled {character} now</numerusform>
            <numerusform>Removed %n duplicates; it is labelled {character} now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n duplicate(s)</source>
        <translation>
            <numerusform>Removed %n duplicate</numerusform>
            <numerusform>Removed %n duplicates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FolderWatcher</name>
    <message numerus="yes">
        <source>Watched folders: %n new image(s) ({labelled} labelled)</source>
        <translation>
            <numerusform>Watched folders: %n new image ({labelled} labelled)</numerusform>
            <numerusform>Watched folders: %n new images ({labelled} labelled)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders lists them)</source>
        <translation>
            <numerusform>%n file not imported as it is, e.g. {path}: {reason} (Settings → Watched Folders lists it)</numerusform>
            <numerusform>%n files not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders lists them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryPage</name>
    <message numerus="yes">
        <source>{shown} of %n image(s)</source>
        <translation>
            <numerusform>{shown} of %n image</numerusform>
            <numerusform>{shown} of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>confirm %n prediction(s)</source>
        <translation>
            <numerusform>confirm %n prediction</numerusform>
            <numerusform>confirm %n predictions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) as</source>
        <translation>
            <numerusform>Label %n image as</numerusform>
            <numerusform>Label %n images as</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message numerus="yes">
        <source> · %n near-duplicate groups</source>
        <translation>
            <numerusform> · %n near-duplicate group</numerusform>
            <numerusform> · %n near-duplicate groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images: {labelled} labelled, {unlabelled} unlabelled ({predicted} with a suggestion, {unknown} unknown) · {model}{dups}</source>
        <translation>
            <numerusform>%n image: {labelled} labelled, {unlabelled} unlabelled ({predicted} with a suggestion, {unknown} unknown) · {model}{dups}</numerusform>
            <numerusform>%n images: {labelled} labelled, {unlabelled} unlabelled ({predicted} with a suggestion, {unknown} unknown) · {model}{dups}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message numerus="yes">
        <source>{name} has %n images; characters with fewer than {minimum} are usually recognised worse — add about {more} more</source>
        <translation>
            <numerusform>{name} has %n image; characters with fewer than {minimum} are usually recognised worse — add about {more} more</numerusform>
            <numerusform>{name} has %n images; characters with fewer than {minimum} are usually recognised worse — add about {more} more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{a} and {b} are confused in {share} of cases (%n validation mistakes); add images that show what tells them apart</source>
        <translation>
            <numerusform>{a} and {b} are confused in {share} of cases (%n validation mistake); add images that show what tells them apart</numerusform>
            <numerusform>{a} and {b} are confused in {share} of cases (%n validation mistakes); add images that show what tells them apart</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the latest training run could not use %n labelled images ({reasons}); replace those files or remove their labels, then train again</source>
        <translation>
            <numerusform>the latest training run could not use %n labelled image ({reasons}); replace those files or remove their labels, then train again</numerusform>
            <numerusform>the latest training run could not use %n labelled images ({reasons}); replace those files or remove their labels, then train again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled image(s) look like no known character: the New characters page groups them so you can name new characters</source>
        <translation>
            <numerusform>%n unlabelled image looks like no known character: the New characters page groups them so you can name new characters</numerusform>
            <numerusform>%n unlabelled images look like no known character: the New characters page groups them so you can name new characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of near-duplicate images: review them on the Duplicates page (training already keeps each group on one side of the validation split)</source>
        <translation>
            <numerusform>%n group of near-duplicate images: review them on the Duplicates page (training already keeps each group on one side of the validation split)</numerusform>
            <numerusform>%n groups of near-duplicate images: review them on the Duplicates page (training already keeps each group on one side of the validation split)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageDetail</name>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Added %n image(s)</source>
        <translation>
            <numerusform>Added %n image</numerusform>
            <numerusform>Added %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library</source>
        <translation>
            <numerusform>%n already in the library</numerusform>
            <numerusform>%n already in the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names ({tagged} from XMP or caption tags)</source>
        <translation>
            <numerusform>%n labelled from folder names ({tagged} from XMP or caption tags)</numerusform>
            <numerusform>%n labelled from folder names ({tagged} from XMP or caption tags)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names</source>
        <translation>
            <numerusform>%n labelled from folder names</numerusform>
            <numerusform>%n labelled from folder names</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved file(s) found again</source>
        <translation>
            <numerusform>%n moved file found again</numerusform>
            <numerusform>%n moved files found again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{summary} %n file(s) skipped:</source>
        <translation>
            <numerusform>{summary} %n file skipped:</numerusform>
            <numerusform>{summary} %n files skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)</source>
        <translation>
            <numerusform>Importing %n item</numerusform>
            <numerusform>Importing %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n item(s)</source>
        <translation>
            <numerusform>Imported %n item</numerusform>
            <numerusform>Imported %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Library: {path}  ·  %n image(s)</source>
        <translation>
            <numerusform>Library: {path}  ·  %n image</numerusform>
            <numerusform>Library: {path}  ·  %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) of {characters} characters to {folder}</source>
        <translation>
            <numerusform>Wrote %n label of {characters} characters to {folder}</numerusform>
            <numerusform>Wrote %n labels of {characters} characters to {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n image(s) ({unchanged} were already there) into {characters} folders in {folder}.</source>
        <translation>
            <numerusform>Copied %n image ({unchanged} were already there) into {characters} folders in {folder}.</numerusform>
            <numerusform>Copied %n images ({unchanged} were already there) into {characters} folders in {folder}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecognitionPage</name>
    <message numerus="yes">
        <source>Cancelled after %n images</source>
        <translation>
            <numerusform>Cancelled after %n image</numerusform>
            <numerusform>Cancelled after %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images recognised</source>
        <translation>
            <numerusform>%n image recognised</numerusform>
            <numerusform>%n images recognised</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n rows to {path}</source>
        <translation>
            <numerusform>Wrote %n row to {path}</numerusform>
            <numerusform>Wrote %n rows to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <source>Labelling %n image(s) as {character}</source>
        <translation>
            <numerusform>Labelling %n image as {character}</numerusform>
            <numerusform>Labelling %n images as {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing {character} from %n image(s)</source>
        <translation>
            <numerusform>Removing {character} from %n image</numerusform>
            <numerusform>Removing {character} from %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding {character} to %n image(s)</source>
        <translation>
            <numerusform>Adding {character} to %n image</numerusform>
            <numerusform>Adding {character} to %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %n label(s)</source>
        <translation>
            <numerusform>Removing %n label</numerusform>
            <numerusform>Removing %n labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelling %n image(s)</source>
        <translation>
            <numerusform>Labelling %n image</numerusform>
            <numerusform>Labelling %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Setting attributes of %n image(s)</source>
        <translation>
            <numerusform>Setting attributes of %n image</numerusform>
            <numerusform>Setting attributes of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged {source} into {target} (%n image(s))</source>
        <translation>
            <numerusform>Merged {source} into {target} (%n image)</numerusform>
            <numerusform>Merged {source} into {target} (%n images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted {name}; %n image(s) are unlabelled now</source>
        <translation>
            <numerusform>Deleted {name}; %n image is unlabelled now</numerusform>
            <numerusform>Deleted {name}; %n images are unlabelled now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s)</source>
        <translation>
            <numerusform>Rejected %n suggestion</numerusform>
            <numerusform>Rejected %n suggestions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SimilarDialog</name>
    <message numerus="yes">
        <source>%n closest image(s); score = cosine similarity of the features (1 = same look).</source>
        <translation>
            <numerusform>%n closest image; score = cosine similarity of the features (1 = same look).</numerusform>
            <numerusform>%n closest images; score = cosine similarity of the features (1 = same look).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SkippedImages</name>
    <message numerus="yes">
        <source>%n of {labelled} labelled images ({share}) was not used for training</source>
        <translation>
            <numerusform>%n of {labelled} labelled images ({share}) was not used for training</numerusform>
            <numerusform>%n of {labelled} labelled images ({share}) was not used for training</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {labelled} labelled images ({share}) were not used for training</source>
        <translation>
            <numerusform>%n of {labelled} labelled images ({share}) was not used for training</numerusform>
            <numerusform>%n of {labelled} labelled images ({share}) were not used for training</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SkippedPanel</name>
    <message numerus="yes">
        <source>%n labelled images the latest training run could not use · double-click one to see it</source>
        <translation>
            <numerusform>%n labelled image the latest training run could not use · double-click it to see it</numerusform>
            <numerusform>%n labelled images the latest training run could not use · double-click one to see it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionsPage</name>
    <message numerus="yes">
        <source>%n unlabelled images · {predicted} with a suggestion{apart} · {order}</source>
        <translation>
            <numerusform>%n unlabelled image · {predicted} with a suggestion{apart} · {order}</numerusform>
            <numerusform>%n unlabelled images · {predicted} with a suggestion{apart} · {order}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestions</source>
        <translation>
            <numerusform>%n suggestion</numerusform>
            <numerusform>%n suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Looking at the faces of {done} of %n images (group shots)…</source>
        <translation>
            <numerusform>Looking at the faces of {done} of %n image (group shots)…</numerusform>
            <numerusform>Looking at the faces of {done} of %n images (group shots)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recognising {done} of %n unlabelled images…</source>
        <translation>
            <numerusform>Recognising {done} of %n unlabelled image…</numerusform>
            <numerusform>Recognising {done} of %n unlabelled images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>confirm %n suggestion(s)</source>
        <translation>
            <numerusform>confirm %n suggestion</numerusform>
            <numerusform>confirm %n suggestions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThumbnailView</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message numerus="yes">
        <source>%n labelled images of {characters} characters.</source>
        <translation>
            <numerusform>%n labelled image of {characters} characters.</numerusform>
            <numerusform>%n labelled images of {characters} characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n labelled image(s) skipped</source>
        <translation>
            <numerusform> · %n labelled image(s) skipped</numerusform>
            <numerusform> · %n labelled image(s) skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchedFoldersDialog</name>
    <message numerus="yes">
        <source>Files not imported as they are (%n)</source>
        <translation>
            <numerusform>File not imported as it is (%n)</numerusform>
            <numerusform>Files not imported as they are (%n)</numerusform>
        </translation>
    </message>
</context>
</TS>
