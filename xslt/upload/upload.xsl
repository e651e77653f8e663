<?xml version="1.0" encoding="UTF-8"?>
<!--
  upload.xsl - uploads (CORE-13): file fields, previews, deleting.

  Model (src/upload.c, upload_model() and upload_form_field()):
    <upload id="12" ctype="image/png" filename="免許証.png" size="48213"
            sha256="…" purpose="licence" href="/upload/12"
            preview="image|pdf" submitted="1"? public="1"?/>
    <field name="licence" type="file" key="…" accept="image/png,…"
           kinds="PNG / JPEG" max-mb="5" max-bytes="5242880" drop="1">
      <upload …/>                       (what is stored for the field, optional)
      <error key="err.upload.size" arg="5"/>
    </field>

  Other features call the named template "upload-preview" for an <upload>
  (or apply templates to it).  Without JavaScript a file field is a plain
  <input type="file">; xslt/static/upload.js, loaded only on pages with a
  file field, turns inputs marked data-drop into drop zones.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- ================================================================
       File fields: the generic field, plus the accepted kinds and the
       size limit, what is already stored, and the drop zone hooks.
       ================================================================ -->
  <xsl:template match="field[@type = 'file']">
    <xsl:variable name="id" select="concat('f-', @name)"/>
    <xsl:variable name="errs"
        select="error | /page/errors/error[@field = current()/@name][not(current()/error)]"/>
    <xsl:variable name="limits" select="boolean(@kinds or @max-mb)"/>
    <xsl:variable name="describedby" select="normalize-space(concat(
        substring(concat($id, '-hint'), 1, 1000 * boolean(@hint-key)), ' ',
        substring(concat($id, '-retype'), 1, 1000 * boolean(@retype)), ' ',
        substring(concat($id, '-limits'), 1, 1000 * $limits), ' ',
        substring(concat($id, '-err'), 1, 1000 * boolean($errs))))"/>
    <div>
      <xsl:attribute name="class">
        <xsl:text>field field-file</xsl:text>
        <xsl:if test="$errs"> has-error</xsl:if>
      </xsl:attribute>
      <label for="{$id}" class="field-label"><xsl:call-template name="field-label-text"/></label>
      <xsl:call-template name="field-hints">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="show-max" select="false()"/>
      </xsl:call-template>
      <xsl:if test="$limits">
        <p class="field-hint upload-limits" id="{$id}-limits">
          <xsl:if test="@kinds">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'upload.hint.kinds'"/>
              <xsl:with-param name="arg" select="@kinds"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="@max-mb">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'upload.hint.max'"/>
              <xsl:with-param name="arg" select="@max-mb"/>
            </xsl:call-template>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="upload">
          <div class="upload-current">
            <p class="upload-current-title">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.current'"/></xsl:call-template>
            </p>
            <!-- Inside the page's form: deleting goes through a confirmation page. -->
            <xsl:for-each select="upload">
              <xsl:call-template name="upload-preview">
                <xsl:with-param name="delete" select="'link'"/>
              </xsl:call-template>
            </xsl:for-each>
          </div>
        </xsl:when>
        <xsl:when test="normalize-space(value) != ''">
          <p class="file-current">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'form.file-current'"/></xsl:call-template>
            <xsl:value-of select="value"/>
          </p>
        </xsl:when>
      </xsl:choose>
      <input type="file">
        <xsl:call-template name="control-attrs">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="errs" select="$errs"/>
          <xsl:with-param name="describedby" select="$describedby"/>
        </xsl:call-template>
        <xsl:if test="@accept">
          <xsl:attribute name="accept"><xsl:value-of select="@accept"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="@drop = '1'">
          <!-- Words for upload.js: it has no catalogue of its own. -->
          <xsl:attribute name="data-drop">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.drop'"/></xsl:call-template>
          </xsl:attribute>
          <xsl:attribute name="data-chosen">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.chosen'"/></xsl:call-template>
          </xsl:attribute>
          <xsl:if test="@max-bytes">
            <xsl:attribute name="data-max"><xsl:value-of select="@max-bytes"/></xsl:attribute>
            <xsl:attribute name="data-too-big">
              <xsl:call-template name="t">
                <xsl:with-param name="k" select="'err.upload.size'"/>
                <xsl:with-param name="arg" select="@max-mb"/>
              </xsl:call-template>
            </xsl:attribute>
          </xsl:if>
        </xsl:if>
      </input>
      <xsl:call-template name="field-errors">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="errs" select="$errs"/>
      </xsl:call-template>
    </div>
    <!-- CSP script-src 'self': an external file, once per page. -->
    <xsl:if test="@drop = '1' and not(preceding::field[@type = 'file'][@drop = '1'])">
      <script src="/assets/upload.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       upload-preview: one stored file.  Images are shown (and open in
       full in a new tab), PDFs open in a new tab; name and size; the
       delete button while it is a draft.
         u       the <upload> element (default: the context node)
         delete  'form'  a delete button (its own POST form, with csrf)
                 'link'  a link to the confirmation page (use inside
                         another form: forms do not nest)
                 'none'  no delete
         next    where to come back to after deleting (a local path)
         csrf    the session's token (default: the page's)
       ================================================================ -->
  <xsl:template name="upload-preview">
    <xsl:param name="u" select="."/>
    <xsl:param name="delete" select="'form'"/>
    <xsl:param name="next" select="/page/@path"/>
    <xsl:param name="csrf" select="(/page/user/@csrf | /page/form/@csrf | /page/content/@csrf)[1]"/>
    <div class="upload-preview upload-preview-{$u/@preview}">
      <xsl:choose>
        <xsl:when test="$u/@preview = 'image'">
          <a class="upload-thumb-link" href="{$u/@href}" target="_blank" rel="noopener">
            <img class="upload-thumb" src="{$u/@href}">
              <xsl:attribute name="alt">
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="'upload.preview-alt'"/>
                  <xsl:with-param name="arg" select="$u/@filename"/>
                </xsl:call-template>
              </xsl:attribute>
            </img>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <a class="upload-pdf-link" href="{$u/@href}" target="_blank" rel="noopener">
            <span class="upload-pdf-badge" aria-hidden="true">PDF</span>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.open-pdf'"/></xsl:call-template>
            <span class="visually-hidden">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.new-tab'"/></xsl:call-template>
            </span>
          </a>
        </xsl:otherwise>
      </xsl:choose>
      <div class="upload-info">
        <p class="upload-meta">
          <span class="upload-name"><xsl:value-of select="$u/@filename"/></span>
          <xsl:text> </xsl:text>
          <span class="upload-size">
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'upload.size-kb'"/>
              <xsl:with-param name="arg" select="format-number(ceiling(number($u/@size) div 1024), '#,##0')"/>
            </xsl:call-template>
          </span>
          <xsl:if test="$u/@submitted = '1'">
            <xsl:text> </xsl:text>
            <span class="upload-state">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.submitted'"/></xsl:call-template>
            </span>
          </xsl:if>
        </p>
        <xsl:if test="not($u/@submitted = '1') and $delete != 'none'">
          <xsl:choose>
            <xsl:when test="$delete = 'form' and string($csrf) != ''">
              <form class="upload-delete" method="post" action="{$u/@href}/delete">
                <input type="hidden" name="csrf" value="{$csrf}"/>
                <input type="hidden" name="next" value="{$next}"/>
                <button type="submit" class="btn btn-secondary upload-delete-btn">
                  <xsl:call-template name="upload-delete-label">
                    <xsl:with-param name="u" select="$u"/>
                  </xsl:call-template>
                </button>
              </form>
            </xsl:when>
            <xsl:otherwise>
              <a class="btn btn-secondary upload-delete-btn"
                 href="{$u/@href}/delete?next={str:encode-uri(string($next), true())}">
                <xsl:call-template name="upload-delete-label">
                  <xsl:with-param name="u" select="$u"/>
                </xsl:call-template>
              </a>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
      </div>
    </div>
  </xsl:template>

  <!-- 「×」 as in the seeds, with words for those who do not see it. -->
  <xsl:template name="upload-delete-label">
    <xsl:param name="u"/>
    <span class="upload-delete-x" aria-hidden="true">×</span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.delete'"/></xsl:call-template>
    <span class="visually-hidden">
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="'upload.delete-of'"/>
        <xsl:with-param name="arg" select="$u/@filename"/>
      </xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="upload">
    <xsl:call-template name="upload-preview"/>
  </xsl:template>

  <!-- ================================================================
       upload-delete: GET /upload/<id>/delete, the owner confirms.
       <content csrf="…" next="/…"><upload …/></content>
       ================================================================ -->
  <xsl:template match="page[@name = 'upload-delete']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'title.upload-delete'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@name = 'upload-delete']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.delete.intro'"/></xsl:call-template>
    </p>
    <xsl:call-template name="upload-preview">
      <xsl:with-param name="u" select="content/upload"/>
      <xsl:with-param name="delete" select="'none'"/>
    </xsl:call-template>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'upload.delete.note'"/></xsl:call-template></p>
    <form class="form" method="post" action="{content/upload/@href}/delete">
      <input type="hidden" name="csrf" value="{content/@csrf}"/>
      <input type="hidden" name="next" value="{content/@next}"/>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.delete.confirm'"/></xsl:call-template>
        </button>
        <a class="btn btn-secondary" href="{content/@next}">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'upload.back'"/></xsl:call-template>
        </a>
      </div>
    </form>
  </xsl:template>

</xsl:stylesheet>
