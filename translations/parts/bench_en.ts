<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
</TS>
