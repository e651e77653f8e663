<?xml version="1.0" encoding="UTF-8"?>
<!--
  palliative (デモ緩和医療学会) theme.  Overrides:
    - home-intro: the welcome followed by the two-stage application flow
      (一次申請 in April, 二次申請 in June; seed 002) as numbered steps,
      each stage taken online under 専門医 (feature certify, issue 11).
  Colours (deep green, warm orange) and the rounded, soft look are in
  static/theme.css.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="../../xslt/shikaku.xsl"/>

  <xsl:template name="home-intro">
    <section class="home-intro intro-soft">
      <h1><xsl:value-of select="$site-name"/></h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
      </p>
      <h2 class="steps-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.steps.title'"/></xsl:call-template>
      </h2>
      <ol class="steps">
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'home.step1'"/></xsl:call-template></li>
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'home.step2'"/></xsl:call-template></li>
        <li><xsl:call-template name="t"><xsl:with-param name="k" select="'home.step3'"/></xsl:call-template></li>
      </ol>
    </section>
  </xsl:template>

</xsl:stylesheet>
