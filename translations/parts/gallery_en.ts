<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <name>ThumbnailView</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
</TS>
